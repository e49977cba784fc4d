// Installer configuration (electron-builder). `npm run dist` builds the installers on a machine
// that can download electron-builder's tools; offline, only `--dir` and zip with a local
// `electronDist` can be built (see test/unit/packaging.test.ts).
import type { Configuration } from 'electron-builder';

/** Windows code signing: by certificate thumbprint or subject, from the environment. */
function windowsSigning(env: NodeJS.ProcessEnv): NonNullable<Configuration['win']>['signtoolOptions'] {
  const certificateSha1 = env.PROVSTUDIO_WIN_CERT_SHA1?.trim();
  const certificateSubjectName = env.PROVSTUDIO_WIN_CERT_SUBJECT?.trim();
  if (!certificateSha1 && !certificateSubjectName) return null;
  return {
    ...(certificateSha1 ? { certificateSha1 } : { certificateSubjectName: certificateSubjectName! }),
    signingHashAlgorithms: ['sha256'],
    rfc3161TimeStampServer: env.PROVSTUDIO_WIN_TIMESTAMP_URL ?? 'http://timestamp.digicert.com',
  };
}

export function buildConfiguration(env: NodeJS.ProcessEnv = process.env): Configuration {
  return {
    appId: 'com.provisioningstudio.desktop',
    productName: 'Provisioning Studio',
    executableName: 'provisioning-studio',
    copyright: 'Copyright © Provisioning Studio developers',
    directories: { output: 'release', buildResources: 'assets' },
    // The app: the bundles in dist/, the product's XSDs, and package.json. Production
    // dependencies (node_modules) are added by electron-builder itself.
    files: ['dist/electron/**/*', 'dist/renderer/**/*', 'dist/cli/**/*', 'schemas/**/*', 'package.json', '!**/*.map'],
    extraMetadata: { main: 'dist/electron/main.cjs' },
    asar: true,
    // The key-store helper scripts are run by PowerShell / swift, which cannot read inside app.asar.
    asarUnpack: ['dist/electron/keystores/**'],
    // Native modules are built for Node by `npm ci`; rebuilding for Electron needs downloads.
    npmRebuild: false,
    // Every fuse set explicitly (electron/fuses FuseV1Options), so a new Electron cannot change them silently.
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    },
    win: {
      target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
      icon: 'assets/icon.ico',
      signtoolOptions: windowsSigning(env),
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      installerIcon: 'assets/icon.ico',
      uninstallerIcon: 'assets/icon.ico',
    },
    mac: {
      target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
      icon: 'assets/icon.icns',
      category: 'public.app-category.developer-tools',
      hardenedRuntime: true,
    },
    dmg: { title: 'Provisioning Studio ${version}' },
    linux: {
      target: ['AppImage', 'deb'],
      icon: 'assets/icons',
      category: 'Development',
      maintainer: 'Provisioning Studio developers <dev@provisioning-studio.invalid>',
      synopsis: 'Author, validate, sign and inspect Windows provisioning XML',
    },
    deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
    fileAssociations: [{ ext: 'xml', name: 'Provisioning XML', role: 'Editor' }],
  };
}

export default buildConfiguration();
