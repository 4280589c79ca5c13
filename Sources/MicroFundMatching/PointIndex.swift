/// A static k-d tree over points in space, answering "which points lie
/// within distance d of q" in about O(log n + hits).
///
/// The tree is implicit: points are permuted so that the middle of every
/// index range splits it along `axis[middle]`, and nothing else is stored.
/// Hits come back sorted by point number, so callers see the same order
/// whatever order the tree visited them in.
struct PointIndex {
    private var points: [SIMD3<Double>]
    /// The caller's number of the point now at each position.
    private var numbers: [Int32]
    /// The splitting axis of the range whose middle is at each position.
    private var axes: [UInt8]
    private static let leafSize = 8

    init(points input: [SIMD3<Double>]) {
        points = input
        numbers = (0..<input.count).map { Int32($0) }
        axes = [UInt8](repeating: 0, count: input.count)
        build(0, input.count)
    }

    var count: Int { points.count }

    private mutating func build(_ low: Int, _ high: Int) {
        guard high - low > Self.leafSize else { return }
        var lower = points[low], upper = points[low]
        for i in low..<high {
            lower = pointwiseMin(lower, points[i])
            upper = pointwiseMax(upper, points[i])
        }
        let extent = upper - lower
        let axis = extent.x >= extent.y && extent.x >= extent.z ? 0 : (extent.y >= extent.z ? 1 : 2)
        let middle = (low + high) / 2
        select(middle, low, high, axis)
        axes[middle] = UInt8(axis)
        build(low, middle)
        build(middle + 1, high)
    }

    /// Quickselect: puts the point of rank `k` (along `axis`) at `k`, the
    /// smaller before it and the larger after it.
    private mutating func select(_ k: Int, _ lowStart: Int, _ highEnd: Int, _ axis: Int) {
        var low = lowStart, high = highEnd - 1
        while low < high {
            let pivot = points[(low + high) / 2][axis]
            var i = low, j = high
            while i <= j {
                while points[i][axis] < pivot { i += 1 }
                while points[j][axis] > pivot { j -= 1 }
                if i <= j {
                    points.swapAt(i, j)
                    numbers.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }

    /// Every point within `distance` of `query` (inclusive), as
    /// (point number, distance) sorted by point number, appended to `hits`
    /// after clearing it.
    func within(_ distance: Double, of query: SIMD3<Double>, into hits: inout [(Int32, Double)]) {
        hits.removeAll(keepingCapacity: true)
        let limit = distance * distance
        var stack: [(Int, Int)] = [(0, points.count)]
        while let (low, high) = stack.popLast() {
            if high - low <= Self.leafSize {
                for i in low..<high { check(i, query, limit, &hits) }
                continue
            }
            let middle = (low + high) / 2
            check(middle, query, limit, &hits)
            let axis = Int(axes[middle])
            let offset = query[axis] - points[middle][axis]
            if offset <= distance { stack.append((low, middle)) }
            if offset >= -distance { stack.append((middle + 1, high)) }
        }
        hits.sort { $0.0 < $1.0 }
    }

    @inline(__always)
    private func check(_ i: Int, _ query: SIMD3<Double>, _ limit: Double, _ hits: inout [(Int32, Double)]) {
        let d = points[i] - query
        let squared = (d * d).sum()
        if squared <= limit { hits.append((numbers[i], squared.squareRoot())) }
    }
}
