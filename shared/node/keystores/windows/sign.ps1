# Provisioning Studio helper for the Windows certificate store.
# Protocol: one JSON request on stdin, one JSON answer on stdout; binary data as base64.
#   {"action":"list","store":"CurrentUser"}
#       -> {"certificates":[{"thumbprint":"...","certificate":"<DER base64>","hasPrivateKey":true}]}
#   {"action":"chain","store":"CurrentUser","thumbprint":"..."}
#       -> {"certificates":["<leaf DER base64>","<issuer>",...]}
#   {"action":"sign","store":"CurrentUser","thumbprint":"...","algorithm":"rsa-sha256","data":"<base64>"}
#       -> {"signature":"<base64>"}
# Errors: {"error":"message"}. The private key never leaves CNG; Windows shows its own PIN or
# consent dialog when the key's protection asks for one.
$ErrorActionPreference = 'Stop'

function Write-Answer($value) {
    [Console]::Out.Write(($value | ConvertTo-Json -Compress -Depth 5))
}

function Get-StoreCertificate([string]$store, [string]$thumbprint) {
    if ($store -ne 'CurrentUser' -and $store -ne 'LocalMachine') { throw "unknown store '$store'" }
    if ($thumbprint -notmatch '^[0-9A-Fa-f]{40}$') { throw "bad thumbprint" }
    $path = "Cert:\$store\My\$thumbprint"
    if (-not (Test-Path -LiteralPath $path)) { throw "no certificate $thumbprint in $store\My" }
    return Get-Item -LiteralPath $path
}

try {
    $request = [Console]::In.ReadToEnd() | ConvertFrom-Json
    switch ($request.action) {
        'list' {
            if ($request.store -ne 'CurrentUser' -and $request.store -ne 'LocalMachine') { throw "unknown store '$($request.store)'" }
            $list = @(Get-ChildItem -LiteralPath "Cert:\$($request.store)\My" | ForEach-Object {
                @{ thumbprint = $_.Thumbprint; certificate = [Convert]::ToBase64String($_.RawData); hasPrivateKey = $_.HasPrivateKey }
            })
            Write-Answer @{ certificates = $list }
        }
        'chain' {
            $certificate = Get-StoreCertificate $request.store $request.thumbprint
            $chain = New-Object System.Security.Cryptography.X509Certificates.X509Chain
            $chain.ChainPolicy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
            [void]$chain.Build($certificate)
            $list = @($chain.ChainElements | ForEach-Object { [Convert]::ToBase64String($_.Certificate.RawData) })
            if ($list.Count -eq 0) { $list = @([Convert]::ToBase64String($certificate.RawData)) }
            Write-Answer @{ certificates = $list }
        }
        'sign' {
            $certificate = Get-StoreCertificate $request.store $request.thumbprint
            $rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($certificate)
            if ($null -eq $rsa) { throw "certificate $($request.thumbprint) has no RSA private key available to this user" }
            $hash = switch ($request.algorithm) {
                'rsa-sha256' { [System.Security.Cryptography.HashAlgorithmName]::SHA256 }
                'rsa-sha1' { [System.Security.Cryptography.HashAlgorithmName]::SHA1 }
                default { throw "unsupported algorithm '$($request.algorithm)'" }
            }
            $data = [Convert]::FromBase64String($request.data)
            $signature = $rsa.SignData($data, $hash, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            Write-Answer @{ signature = [Convert]::ToBase64String($signature) }
        }
        default { throw "unknown action '$($request.action)'" }
    }
} catch {
    Write-Answer @{ error = $_.Exception.Message }
    exit 1
}
