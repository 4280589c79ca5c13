import ArgumentParser
import MicroFundCrypto

/// `microfund keygen`: an Ed25519 key pair as the openssl tool writes it.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Write a new Ed25519 private key (PKCS#8 PEM, mode 0600) and FILE.pub (SubjectPublicKeyInfo PEM).", "生成新的 Ed25519 私钥（PKCS#8 PEM，权限 0600）及公钥 FILE.pub。")
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Where to write the private key.", valueName: "file"))
    var out: String

    func run() throws {
        try data.requireLocal("keygen")
        let key = try Ed25519PrivateKey()
        try KeyFiles.write(key, to: out)
        StandardOutput.write("key \(try KeyIdentifier.of(key.publicKey)) at \(out), public key at \(out).pub")
    }
}
