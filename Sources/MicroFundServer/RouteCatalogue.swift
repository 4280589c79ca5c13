/// Every route the server answers, as docs/openapi.yaml lists them (a test
/// keeps the two, and the router, equal). A path that matches a pattern
/// here under another method is `method_not_allowed` (405), not unknown.
public enum RouteCatalogue {
    public static let routes: [(method: String, path: String)] = [
        ("POST", "/v1/transactions"),
        ("GET", "/v1/transactions/{id}"),
        ("GET", "/v1/journal"),
        ("GET", "/v1/checkpoint"),
        ("GET", "/v1/vkey"),
        ("GET", "/v1/proofs/inclusion/{seq}"),
        ("GET", "/v1/proofs/consistency"),
        ("GET", "/v1/accounts"),
        ("GET", "/v1/accounts/{path}"),
        ("GET", "/v1/parties"),
        ("GET", "/v1/parties/{id}"),
        ("GET", "/v1/needs"),
        ("GET", "/v1/needs/{id}"),
        ("GET", "/v1/offers"),
        ("GET", "/v1/pledges"),
        ("GET", "/v1/motions"),
        ("GET", "/v1/motions/{id}"),
        ("GET", "/v1/policy"),
        ("GET", "/v1/match"),
        ("GET", "/v1/reports/{kind}"),
        ("GET", "/v1/export/{tool}"),
        ("GET", "/healthz"),
        ("GET", "/metrics"),
    ]

    /// The methods the catalogue lists for a concrete path.
    public static func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0.first == "{" || $0 == $1 }
        }.map(\.method)
    }
}
