import Foundation
import Hummingbird
import Logging
import MicroFundService

/// One log line per request: method, route (the pattern, never the ids or
/// query in it), status, duration and the request id. Never a body, a
/// header's value or a key.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context, status: status, start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, _ start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(status),
            "ms": .string(String(format: "%.2f", milliseconds)),
        ])
    }
}

/// Every error leaves as problem+json: Hummingbird's own (no route, a body
/// over its limit) and anything unforeseen (a 500 that names no internals).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            switch error.status {
            case .notFound:
                let allowed = RouteCatalogue.methods(for: request.uri.path)
                guard allowed.isEmpty else {
                    throw Problem(.methodNotAllowed, "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method.rawValue)", allow: allowed)
                }
                throw Problem(.routeUnknown, "no route \(request.method.rawValue) \(request.uri.path)")
            case .methodNotAllowed: throw Problem(.methodNotAllowed, "\(request.uri.path) does not take \(request.method.rawValue)", allow: RouteCatalogue.methods(for: request.uri.path))
            case .contentTooLarge: throw Problem(.bodyTooLarge, "the body is over the limit")
            default: throw Problem(.requestInvalid, "the request could not be read (\(error.status.code))")
            }
        } catch {
            context.logger.error("unforeseen failure", metadata: ["type": .string(String(describing: type(of: error)))])
            throw Problem(.internalError, "the server failed; nothing was accepted")
        }
    }
}
