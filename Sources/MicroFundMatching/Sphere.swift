import Foundation

/// Distances on a sphere: the haversine great-circle distance people read,
/// and the equivalent straight chord through the sphere that the spatial
/// index compares (chord ≤ 2R·sin(r/2R) exactly when great-circle ≤ r).
public enum Sphere {
    /// The IUGG mean Earth radius, the `match-instance/1` default.
    public static let meanEarthRadiusMetres = 6_371_008.8

    /// The great-circle (haversine) distance in metres.
    public static func distanceMetres(_ a: GeoPoint, _ b: GeoPoint, radius: Double) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = a.latitude * toRadians, phi2 = b.latitude * toRadians
        let dPhi = phi2 - phi1, dLambda = (b.longitude - a.longitude) * toRadians
        let h = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * radius * asin(min(1, h.squareRoot()))
    }

    /// Earth-centred Cartesian coordinates in metres.
    static func cartesian(_ point: GeoPoint, radius: Double) -> SIMD3<Double> {
        let toRadians = Double.pi / 180
        let lat = point.latitude * toRadians, lon = point.longitude * toRadians
        let c = cos(lat)
        return SIMD3(radius * c * cos(lon), radius * c * sin(lon), radius * sin(lat))
    }

    /// The chord that subtends a great-circle distance of `metres`; an arc
    /// longer than half the circumference reaches every point.
    static func chord(forArc metres: Double, radius: Double) -> Double {
        if metres >= Double.pi * radius { return 2 * radius * 1.000001 }
        return 2 * radius * sin(metres / (2 * radius))
    }

    /// The great-circle distance a chord subtends.
    static func arc(forChord chord: Double, radius: Double) -> Double {
        2 * radius * asin(min(1, chord / (2 * radius)))
    }
}
