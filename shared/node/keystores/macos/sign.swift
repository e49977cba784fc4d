// Provisioning Studio helper for the macOS keychain.
// Protocol: one JSON request on stdin, one JSON answer on stdout; binary data as base64.
//   {"action":"sign","thumbprint":"<SHA-1 hex>","algorithm":"rsa-sha256","data":"<base64>"}
//     -> {"signature":"<base64>"}   or   {"error":"message"}
// Run with: /usr/bin/swift sign.swift  (Xcode command line tools). The key is used through
// SecKeyCreateSignature; macOS asks the user to allow access when the key's ACL requires it.
import CommonCrypto
import Foundation
import Security

func answer(_ value: [String: String], exitCode: Int32 = 0) -> Never {
    let data = try! JSONSerialization.data(withJSONObject: value)
    FileHandle.standardOutput.write(data)
    exit(exitCode)
}

func sha1Hex(_ data: Data) -> String {
    var digest = [UInt8](repeating: 0, count: Int(CC_SHA1_DIGEST_LENGTH))
    data.withUnsafeBytes { _ = CC_SHA1($0.baseAddress, CC_LONG(data.count), &digest) }
    return digest.map { String(format: "%02X", $0) }.joined()
}

let input = FileHandle.standardInput.readDataToEndOfFile()
guard let request = (try? JSONSerialization.jsonObject(with: input)) as? [String: String],
      request["action"] == "sign",
      let thumbprint = request["thumbprint"]?.uppercased(),
      let algorithmName = request["algorithm"],
      let payloadBase64 = request["data"],
      let payload = Data(base64Encoded: payloadBase64) else {
    answer(["error": "bad request"], exitCode: 2)
}

let algorithm: SecKeyAlgorithm
switch algorithmName {
case "rsa-sha256": algorithm = .rsaSignatureMessagePKCS1v15SHA256
case "rsa-sha1": algorithm = .rsaSignatureMessagePKCS1v15SHA1
default: answer(["error": "unsupported algorithm \(algorithmName)"], exitCode: 2)
}

let query: [String: Any] = [
    kSecClass as String: kSecClassIdentity,
    kSecMatchLimit as String: kSecMatchLimitAll,
    kSecReturnRef as String: true,
]
var found: CFTypeRef?
guard SecItemCopyMatching(query as CFDictionary, &found) == errSecSuccess, let identities = found as? [SecIdentity] else {
    answer(["error": "no identities in the keychain"], exitCode: 1)
}

for identity in identities {
    var certificate: SecCertificate?
    guard SecIdentityCopyCertificate(identity, &certificate) == errSecSuccess, let certificate else { continue }
    guard sha1Hex(SecCertificateCopyData(certificate) as Data) == thumbprint else { continue }
    var key: SecKey?
    guard SecIdentityCopyPrivateKey(identity, &key) == errSecSuccess, let key else {
        answer(["error": "the private key of \(thumbprint) is not accessible"], exitCode: 1)
    }
    var error: Unmanaged<CFError>?
    guard let signature = SecKeyCreateSignature(key, algorithm, payload as CFData, &error) as Data? else {
        let reason = error.map { String(describing: $0.takeRetainedValue()) } ?? "unknown error"
        answer(["error": "signing failed: \(reason)"], exitCode: 1)
    }
    answer(["signature": signature.base64EncodedString()])
}
answer(["error": "no identity with SHA-1 \(thumbprint)"], exitCode: 1)
