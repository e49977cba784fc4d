// Requests reach a host from a renderer we do not fully trust (and, in the browser host, over
// HTTP): every field is checked before it is used. A bad request is a HostError, never a crash.
import path from 'node:path';
import { HostError, MAX_KEEP_UNLOCKED_MINUTES, MAX_TRUSTED_ROOTS, type Channel, type KeyStoreSelection, type RequestOf, type TextEncodingName } from '../common/ipc';
import { LANGUAGES } from '../common/i18n/core';

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'utf-16le-nobom', 'utf-16be-nobom', 'latin1'];
const THEMES = ['system', 'light', 'dark'];

type Fields = Record<string, unknown>;

function invalid(channel: Channel, detail: string): HostError {
  return new HostError('request.invalid', 'error.request.invalid', { channel, detail });
}

function objectOf(channel: Channel, request: unknown): Fields {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw invalid(channel, 'expected an object');
  return request as Fields;
}

function stringField(channel: Channel, fields: Fields, name: string, optional = false): string | undefined {
  const value = fields[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string') throw invalid(channel, `${name} must be a string`);
  return value;
}

function booleanField(channel: Channel, fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(channel, `${name} must be true or false`);
  return value;
}

function oneOf<T extends string>(channel: Channel, fields: Fields, name: string, allowed: readonly T[], optional = false): T | undefined {
  const value = stringField(channel, fields, name, optional);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(channel, `${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function stringArrayField(channel: Channel, fields: Fields, name: string): string[] {
  const value = fields[name];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw invalid(channel, `${name} must be a list of strings`);
  return value as string[];
}

function keyStoreSelection(channel: Channel, raw: unknown): KeyStoreSelection {
  const fields = objectOf(channel, raw);
  const kind = oneOf(channel, fields, 'kind', ['pfx', 'pem', 'pkcs11', 'nss', 'windows', 'keychain'] as const)!;
  switch (kind) {
    case 'pfx':
      return { kind, path: stringField(channel, fields, 'path')! };
    case 'pem':
      return { kind, keyPath: stringField(channel, fields, 'keyPath')!, certificatePath: stringField(channel, fields, 'certificatePath')! };
    case 'pkcs11': {
      const tokenLabel = stringField(channel, fields, 'tokenLabel', true);
      return { kind, modulePath: stringField(channel, fields, 'modulePath')!, ...(tokenLabel ? { tokenLabel } : {}) };
    }
    case 'nss':
      return { kind, databaseDirectory: stringField(channel, fields, 'databaseDirectory')! };
    case 'windows':
      return { kind, location: oneOf(channel, fields, 'location', ['CurrentUser', 'LocalMachine'] as const)! };
    case 'keychain':
      return { kind };
  }
}

/** Returns the request typed for its channel, or throws request.invalid. */
export function validateRequest<C extends Channel>(channel: C, request: unknown): RequestOf<C> {
  switch (channel) {
    case 'signing.keyStores':
    case 'signing.secretQuestions':
    case 'signing.unlockedStores':
    case 'app.info':
    case 'recent.list':
    case 'recovery.list':
    case 'settings.get':
      return undefined as RequestOf<C>;
    case 'signing.certificateNames':
    case 'git.committedVersion':
    case 'file.read':
    case 'file.listDirectory':
    case 'dialog.confirmSaveTarget':
    case 'recent.add': {
      const fields = objectOf(channel, request);
      return { path: stringField(channel, fields, 'path') } as RequestOf<C>;
    }
    case 'file.save': {
      const fields = objectOf(channel, request);
      const result: RequestOf<'file.save'> = {
        path: stringField(channel, fields, 'path')!,
        text: stringField(channel, fields, 'text')!,
        encoding: oneOf(channel, fields, 'encoding', ENCODINGS)!,
      };
      const expected = stringField(channel, fields, 'expectedDiskSha256', true);
      if (expected !== undefined) result.expectedDiskSha256 = expected;
      if (booleanField(channel, fields, 'refuseOverwrite')) result.refuseOverwrite = true;
      return result as RequestOf<C>;
    }
    case 'dialog.chooseFile': {
      const fields = objectOf(channel, request);
      const result: RequestOf<'dialog.chooseFile'> = { purpose: oneOf(channel, fields, 'purpose', ['open', 'save'] as const)! };
      const defaultPath = stringField(channel, fields, 'defaultPath', true);
      if (defaultPath !== undefined) result.defaultPath = defaultPath;
      if (fields.filter !== undefined) {
        const filter = objectOf(channel, fields.filter);
        const name = filter.name;
        const extensions = filter.extensions;
        const valid = typeof name === 'string' && name.length <= 200 && Array.isArray(extensions) && extensions.length > 0 && extensions.length <= 20 && extensions.every((extension) => typeof extension === 'string' && /^[a-z0-9]{1,10}$/i.test(extension));
        if (!valid) throw invalid(channel, 'filter');
        result.filter = { name: name as string, extensions: extensions as string[] };
      }
      return result as RequestOf<C>;
    }
    case 'recovery.write': {
      const fields = objectOf(channel, request);
      const filePath = fields.path;
      if (filePath !== null && typeof filePath !== 'string') throw invalid(channel, 'path must be a string or null');
      return {
        documentId: stringField(channel, fields, 'documentId')!,
        path: filePath,
        title: stringField(channel, fields, 'title')!,
        text: stringField(channel, fields, 'text')!,
        encoding: oneOf(channel, fields, 'encoding', ENCODINGS)!,
        savedAt: new Date().toISOString(),
      } as RequestOf<C>;
    }
    case 'recovery.discard': {
      const fields = objectOf(channel, request);
      return { documentId: stringField(channel, fields, 'documentId')! } as RequestOf<C>;
    }
    case 'settings.update': {
      const fields = objectOf(channel, request);
      const update: RequestOf<'settings.update'> = {};
      const theme = oneOf(channel, fields, 'theme', THEMES, true);
      if (theme !== undefined) update.theme = theme as 'system' | 'light' | 'dark';
      const language = oneOf(channel, fields, 'language', [...LANGUAGES, 'system'], true);
      if (language !== undefined) update.language = language;
      const minutes = fields.keepUnlockedMinutes;
      if (minutes !== undefined) {
        if (!Number.isInteger(minutes) || (minutes as number) < 0 || (minutes as number) > MAX_KEEP_UNLOCKED_MINUTES) {
          throw invalid(channel, 'keepUnlockedMinutes');
        }
        update.keepUnlockedMinutes = minutes as number;
      }
      const roots = fields.trustedRootPaths;
      if (roots !== undefined) {
        const valid = Array.isArray(roots) && roots.length <= MAX_TRUSTED_ROOTS && roots.every((root) => typeof root === 'string' && root.length <= 4096 && path.isAbsolute(root));
        if (!valid) throw invalid(channel, 'trustedRootPaths');
        update.trustedRootPaths = [...new Set(roots as string[])];
      }
      return update as RequestOf<C>;
    }
    case 'signing.cancelSecretQuestion': {
      const fields = objectOf(channel, request);
      return { id: stringField(channel, fields, 'id') } as RequestOf<C>;
    }
    case 'signing.lock': {
      const fields = request === undefined || request === null ? {} : objectOf(channel, request);
      const key = stringField(channel, fields, 'key', true);
      return (key === undefined ? {} : { key }) as RequestOf<C>;
    }
    case 'signing.listIdentities': {
      const fields = objectOf(channel, request);
      return { store: keyStoreSelection(channel, fields.store) } as RequestOf<C>;
    }
    case 'signing.sign': {
      const fields = objectOf(channel, request);
      return {
        text: stringField(channel, fields, 'text')!,
        encoding: oneOf(channel, fields, 'encoding', ENCODINGS)!,
        store: keyStoreSelection(channel, fields.store),
        identityId: stringField(channel, fields, 'identityId')!,
        digest: oneOf(channel, fields, 'digest', ['sha256', 'sha1'] as const)!,
        includeChain: booleanField(channel, fields, 'includeChain') ?? false,
        allowInvalidCertificate: booleanField(channel, fields, 'allowInvalidCertificate') ?? false,
      } as RequestOf<C>;
    }
    case 'subscriber.readRows': {
      const fields = objectOf(channel, request);
      const limit = fields.limit;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw invalid(channel, 'limit must be a positive whole number');
      return { path: stringField(channel, fields, 'path')!, limit } as RequestOf<C>;
    }
    case 'subscriber.generate': {
      const fields = objectOf(channel, request);
      const result: RequestOf<'subscriber.generate'> = {
        templateText: stringField(channel, fields, 'templateText')!,
        encoding: oneOf(channel, fields, 'encoding', ENCODINGS)!,
        bindingsJson: stringField(channel, fields, 'bindingsJson')!,
        dataPath: stringField(channel, fields, 'dataPath')!,
        outputDirectory: stringField(channel, fields, 'outputDirectory')!,
        language: oneOf(channel, fields, 'language', LANGUAGES)!,
      };
      const nameTemplate = stringField(channel, fields, 'nameTemplate', true);
      if (nameTemplate) result.nameTemplate = nameTemplate;
      if (fields.signing !== undefined) {
        const signing = objectOf(channel, fields.signing);
        result.signing = {
          store: keyStoreSelection(channel, signing.store),
          identityId: stringField(channel, signing, 'identityId')!,
          digest: oneOf(channel, signing, 'digest', ['sha256', 'sha1'] as const)!,
          includeChain: booleanField(channel, signing, 'includeChain') ?? false,
        };
      }
      return result as RequestOf<C>;
    }
    case 'subscriber.status':
    case 'subscriber.cancel': {
      const fields = objectOf(channel, request);
      return { jobId: stringField(channel, fields, 'jobId')! } as RequestOf<C>;
    }
    case 'signing.verify': {
      const fields = objectOf(channel, request);
      return {
        text: stringField(channel, fields, 'text')!,
        encoding: oneOf(channel, fields, 'encoding', ENCODINGS)!,
        trustedRootPaths: stringArrayField(channel, fields, 'trustedRootPaths'),
        useSystemRoots: booleanField(channel, fields, 'useSystemRoots') ?? false,
        requireEv: booleanField(channel, fields, 'requireEv') ?? true,
      } as RequestOf<C>;
    }
    case 'website.simulate': {
      const fields = objectOf(channel, request);
      const deviceFields = fields.device === undefined ? {} : objectOf(channel, fields.device);
      const device: Record<string, string> = {};
      for (const name of ['SubId', 'DevId', 'IccId']) {
        const value = stringField(channel, deviceFields, name, true);
        if (value !== undefined) device[name] = value;
      }
      const result: RequestOf<'website.simulate'> = {
        url: stringField(channel, fields, 'url')!,
        device,
        pc: oneOf(channel, fields, 'pc', ['windows10-2004', 'internet-explorer'] as const)!,
        language: oneOf(channel, fields, 'language', LANGUAGES)!,
        sim: oneOf(channel, fields, 'sim', ['operator', 'none'] as const)!,
        wifi: booleanField(channel, fields, 'wifi') ?? true,
        mbn: booleanField(channel, fields, 'mbn') ?? true,
        consent: oneOf(channel, fields, 'consent', ['accept', 'decline'] as const)!,
        trustedPaths: stringArrayField(channel, fields, 'trustedPaths'),
        tlsTrustPaths: stringArrayField(channel, fields, 'tlsTrustPaths'),
      };
      const previous = stringField(channel, fields, 'previousText', true);
      if (previous !== undefined) result.previousText = previous;
      return result as RequestOf<C>;
    }
    case 'semantic.dryRun': {
      const fields = objectOf(channel, request);
      const result: RequestOf<'semantic.dryRun'> = {
        text: stringField(channel, fields, 'text')!,
        encoding: oneOf(channel, fields, 'encoding', ENCODINGS)!,
        source: oneOf(channel, fields, 'source', ['operator-app', 'app', 'website'] as const)!,
        sim: oneOf(channel, fields, 'sim', ['operator', 'none'] as const)!,
        wifi: booleanField(channel, fields, 'wifi') ?? true,
        mbn: booleanField(channel, fields, 'mbn') ?? true,
        trustedPaths: stringArrayField(channel, fields, 'trustedPaths'),
      };
      const previousText = stringField(channel, fields, 'previousText', true);
      if (previousText !== undefined) result.previousText = previousText;
      return result as RequestOf<C>;
    }
  }
  throw invalid(channel, 'unknown channel');
}
