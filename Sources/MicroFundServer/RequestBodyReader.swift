import Hummingbird
import MicroFundService
import NIOCore

/// Reads a request body within the server's limits: at most `bytesMax`
/// bytes (`body_too_large`, 413, said as soon as the limit is passed or a
/// `Content-Length` announces it), and no longer than `seconds` from the
/// request's start (`request_timeout`, 408). A client that stops sending
/// altogether is closed by the connection's idle timeout.
struct RequestBodyReader {
    let bytesMax: Int
    let seconds: Int

    func read(_ request: Request) async throws(Problem) -> [UInt8] {
        if let announced = request.headers[.contentLength].flatMap(Int.init), announced > bytesMax {
            throw tooLarge(announced)
        }
        let deadline = ContinuousClock.now + .seconds(seconds)
        var bytes: [UInt8] = []
        do {
            for try await chunk in request.body {
                guard bytes.count + chunk.readableBytes <= bytesMax else { throw tooLarge(bytes.count + chunk.readableBytes) }
                bytes += chunk.readableBytesView
                guard ContinuousClock.now <= deadline else {
                    throw Problem(.requestTimeout, "the body took more than \(seconds) s to arrive")
                }
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(.requestInvalid, "the body could not be read: the connection ended or broke mid-body")
        }
        return bytes
    }

    private func tooLarge(_ count: Int) -> Problem {
        Problem(.bodyTooLarge, "the body is over \(bytesMax) bytes (at least \(count))")
    }
}
