import Foundation
public import MicroFundLedger
public import MicroFundStore

/// The front ends' clock: the core takes time as a value, and this is
/// where the value comes from.
public enum WallClock {
    /// Now, in whole seconds, UTC.
    public static var now: Timestamp { Timestamp.fromEpoch(seconds: Int64(Date().timeIntervalSince1970)) }

    /// The ledger's acceptance times for live submissions: this machine's clock.
    public static let acceptanceTime = AcceptanceTime.clock { WallClock.now }
}
