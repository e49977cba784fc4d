// What can be checked of the installers offline: the configuration resolves with every target,
// icon and fuse, and an unpacked build (`--dir`) against a stand-in Electron distribution holds
// the app's files and has its fuses flipped as configured. Real installers need downloads.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { buildConfiguration } from '../../electron-builder.config';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

function camelCase(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/** A stand-in Electron binary: a script that carries a fuse wire of 8 fuses, as a real one does. */
function makeStandInElectron(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'stand-in-electron-'));
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10101010')]);
  writeFileSync(path.join(directory, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\n'), wire, Buffer.alloc(16)]));
  chmodSync(path.join(directory, 'electron'), 0o755);
  mkdirSync(path.join(directory, 'resources'));
  return directory;
}

describe('installer configuration', () => {
  const config = buildConfiguration({});

  it('targets nsis, dmg, AppImage and deb with the app id and icons', () => {
    expect(config.appId).toBe('com.provisioningstudio.desktop');
    expect(JSON.stringify(config.win?.target)).toContain('nsis');
    expect(JSON.stringify(config.mac?.target)).toContain('dmg');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.npmRebuild).toBe(false);
    for (const icon of [config.win?.icon, config.mac?.icon, 'assets/icon.png', 'assets/icons/512x512.png']) {
      expect(existsSync(path.join(ROOT, String(icon))), String(icon)).toBe(true);
    }
  });

  it('sets every Electron fuse explicitly', () => {
    const fuseNames = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    const configured = config.electronFuses as Record<string, unknown>;
    for (const name of fuseNames) {
      expect(typeof configured[camelCase(name)], `fuse ${name}`).toBe('boolean');
    }
    expect(Object.keys(configured)).toHaveLength(fuseNames.length);
    expect(configured.runAsNode).toBe(false);
    expect(configured.onlyLoadAppFromAsar).toBe(true);
  });

  it('signs Windows builds by thumbprint or subject from the environment', () => {
    expect(buildConfiguration({}).win?.signtoolOptions).toBeNull();
    expect(buildConfiguration({ PROVSTUDIO_WIN_CERT_SHA1: 'ab12' }).win?.signtoolOptions).toMatchObject({ certificateSha1: 'ab12' });
    expect(buildConfiguration({ PROVSTUDIO_WIN_CERT_SUBJECT: 'Contoso Ltd' }).win?.signtoolOptions).toMatchObject({
      certificateSubjectName: 'Contoso Ltd',
    });
  });

  it('builds an unpacked app (--dir) with the app files and flipped fuses', () => {
    expect(existsSync(path.join(ROOT, 'dist/renderer/index.html')), 'run the build first').toBe(true);
    const output = mkdtempSync(path.join(os.tmpdir(), 'provstudio-dir-'));
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--config',
        'electron-builder.config.ts',
        '--dir',
        '--linux',
        `-c.electronDist=${makeStandInElectron()}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    );
    const unpacked = path.join(output, 'linux-unpacked');
    const files = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false });
    for (const expected of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/dist/cli/provstudio.cjs',
      '/schemas/provisioning.xsd',
      '/schemas/carrier-control-v1.xsd',
      '/node_modules/libxml2-wasm/package.json',
      '/node_modules/pkcs11js/package.json',
      '/node_modules/@peculiar/x509/package.json',
    ]) {
      expect(files, expected).toContain(expected);
    }
    expect(files.some((file) => file.startsWith('/node_modules/vite/'))).toBe(false);
    // The key-store helpers must be real files a shell can run, outside the archive.
    expect(existsSync(path.join(unpacked, 'resources/app.asar.unpacked/dist/electron/keystores/windows/sign.ps1'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources/app.asar.unpacked/dist/electron/keystores/macos/sign.swift'))).toBe(true);
    const binary = readFileSync(path.join(unpacked, 'provisioning-studio'));
    const wireStart = binary.indexOf(SENTINEL) + SENTINEL.length;
    // Fuse order: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol.
    expect(binary.subarray(wireStart + 2, wireStart + 10).toString()).toBe('01001100');
  });
});
