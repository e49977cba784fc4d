// The landing page's one script (ECMAScript 5: Internet Explorer 10 and 11 run it too, and those are
// the browsers that offer window.external.msProvisionNetworks). It reads SubId, DevId and IccId from
// the address Windows opened, gets the subscriber's freshly signed file from the operator's server and
// hands it to Windows by the mechanism this PC has:
//   - window.external.msProvisionNetworks(xml) (Internet Explorer, Windows 8 to 10): its Result 0-8 is
//     explained in the page's language;
//   - the ms-settings:wifi-provisioning?uri=... link (Windows 10 version 2004 and later): offered only
//     for a signed file, EV signer, with at least one WLANProfile, as Windows' Install page needs;
//   - neither: says so and offers the file for a test PC.
// Messages come from messages.json (English, French, Portuguese); the server sets <html lang> from
// Accept-Language. No other file, no third-party script.
(function () {
  'use strict';

  var PARAMETERS = ['SubId', 'DevId', 'IccId'];
  var DSIG = 'http://www.w3.org/2000/09/xmldsig#';
  var messages = {};

  function byId(id) {
    return document.getElementById(id);
  }

  function text(key, params) {
    var template = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  // Internet Explorer 10 has no .hidden property: the attribute itself (and the style sheet) is used.
  function show(element, visible) {
    if (visible === false) element.setAttribute('hidden', '');
    else element.removeAttribute('hidden');
  }

  function setStatus(message, kind) {
    var status = byId('status');
    status.setAttribute('data-kind', kind || 'info');
    status.textContent = message;
  }

  function get(url, done) {
    var request = new XMLHttpRequest();
    request.open('GET', url, true);
    request.onreadystatechange = function () {
      if (request.readyState === 4) done(request);
    };
    request.send(null);
  }

  function chooseLanguage(available) {
    var candidates = [document.documentElement.getAttribute('lang') || ''];
    var navigatorLanguages = window.navigator.languages || [window.navigator.language || window.navigator.userLanguage || ''];
    for (var i = 0; i < navigatorLanguages.length; i++) candidates.push(navigatorLanguages[i]);
    for (var j = 0; j < candidates.length; j++) {
      var primary = String(candidates[j]).toLowerCase().split('-')[0];
      if (available[primary]) return primary;
    }
    return 'en';
  }

  function applyTexts() {
    var elements = document.querySelectorAll('[data-text]');
    for (var i = 0; i < elements.length; i++) {
      var key = elements[i].getAttribute('data-text');
      if (Object.prototype.hasOwnProperty.call(messages, key)) elements[i].textContent = messages[key];
    }
    document.title = text('title');
  }

  /** The three parameters as Windows added them (names compared without regard to case). */
  function readParameters() {
    var values = {};
    var query = window.location.search.replace(/^\?/, '');
    var pairs = query ? query.split('&') : [];
    for (var i = 0; i < pairs.length; i++) {
      var equals = pairs[i].indexOf('=');
      var name = decodeURIComponent((equals < 0 ? pairs[i] : pairs[i].slice(0, equals)).replace(/\+/g, ' '));
      var value = equals < 0 ? '' : decodeURIComponent(pairs[i].slice(equals + 1).replace(/\+/g, ' '));
      for (var j = 0; j < PARAMETERS.length; j++) {
        if (name.toLowerCase() === PARAMETERS[j].toLowerCase() && value && !values[PARAMETERS[j]]) values[PARAMETERS[j]] = value;
      }
    }
    return values;
  }

  function showParameters(values) {
    for (var i = 0; i < PARAMETERS.length; i++) {
      var cell = byId('value-' + PARAMETERS[i]);
      cell.textContent = values[PARAMETERS[i]] || text('received.none');
    }
  }

  function endpointUrl(values, extra) {
    var meta = document.querySelector('meta[name="provisioning-endpoint"]');
    var path = meta ? meta.getAttribute('content') : '/provisioning';
    var query = [];
    for (var i = 0; i < PARAMETERS.length; i++) {
      if (values[PARAMETERS[i]]) query.push(PARAMETERS[i] + '=' + encodeURIComponent(values[PARAMETERS[i]]));
    }
    if (extra) query.push(extra);
    var anchor = document.createElement('a');
    anchor.href = path + '?' + query.join('&');
    return anchor.href;
  }

  function hasProvisionNetworks() {
    // In Internet Explorer, typeof on a COM method answers "unknown": test presence, not type.
    try {
      return !!window.external && 'msProvisionNetworks' in window.external;
    } catch (error) {
      return false;
    }
  }

  /** Why Windows' Wi-Fi installer would refuse the file (empty: it may be offered). */
  function settingsRefusals(xml, signer) {
    var documentElement = null;
    try {
      var parsed = new window.DOMParser().parseFromString(xml, 'application/xml');
      if (!parsed.getElementsByTagName('parsererror').length) documentElement = parsed.documentElement;
    } catch (error) {
      documentElement = null;
    }
    if (!documentElement) return ['malformed'];
    var refusals = [];
    var signed = false;
    for (var child = documentElement.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && child.localName === 'Signature' && child.namespaceURI === DSIG) signed = true;
    }
    if (!signed) refusals.push('notSigned');
    var profiles = 0;
    var all = documentElement.getElementsByTagName('*');
    for (var i = 0; i < all.length; i++) if (all[i].localName === 'WLANProfile') profiles++;
    if (profiles === 0) refusals.push('noWlanProfile');
    if (signed && signer !== 'ev') refusals.push('notEv');
    return refusals;
  }

  function isWindows10OrLater() {
    return /Windows NT (1\d|[2-9]\d)\./.test(window.navigator.userAgent);
  }

  function offerDownload(values) {
    var link = byId('download-link');
    link.href = endpointUrl(values, 'download=1');
    show(byId('download'));
  }

  function explainResult(result) {
    var code = Number(result);
    if (code >= 0 && code <= 8 && Math.floor(code) === code) {
      setStatus(text('result.' + code, { code: code }), code === 0 ? 'success' : 'error');
    } else {
      setStatus(text('result.unknown', { code: String(result) }), 'error');
    }
  }

  function installWithProvisionNetworks(xml) {
    setStatus(text('install.running'));
    var result;
    try {
      result = window.external.msProvisionNetworks(xml);
    } catch (error) {
      setStatus(text('result.exception', { detail: error && (error.number !== undefined ? '0x' + (error.number >>> 0).toString(16) : error.message) }), 'error');
      return;
    }
    explainResult(result);
  }

  function offerHandover(values, xml, signer) {
    show(byId('handover'));
    if (hasProvisionNetworks()) {
      var button = byId('install');
      show(button);
      button.onclick = function () {
        installWithProvisionNetworks(xml);
      };
      setStatus(text('ready'));
      return;
    }
    var refusals = settingsRefusals(xml, signer);
    if (refusals.length === 0 && isWindows10OrLater()) {
      byId('settings-link').href = 'ms-settings:wifi-provisioning?uri=' + encodeURIComponent(endpointUrl(values));
      show(byId('settings'));
      setStatus(text('ready'));
      return;
    }
    var list = byId('refusals');
    for (var i = 0; i < refusals.length; i++) {
      var item = document.createElement('li');
      item.setAttribute('data-refusal', refusals[i]);
      item.textContent = text('settings.refused.' + refusals[i]);
      list.appendChild(item);
    }
    show(list, refusals.length > 0);
    setStatus(text('neither'), 'error');
    offerDownload(values);
  }

  function fetchFile(values) {
    setStatus(text('fetch.running'));
    get(endpointUrl(values), function (request) {
      if (request.status === 200) {
        offerHandover(values, request.responseText, request.getResponseHeader('X-Provisioning-Signer'));
      } else if (request.status === 0) {
        setStatus(text('fetch.network'), 'error');
      } else {
        setStatus(text('fetch.failed', { status: request.status }), 'error');
      }
    });
  }

  function start() {
    applyTexts();
    var values = readParameters();
    showParameters(values);
    if (!values.SubId) {
      show(byId('manual'));
      return;
    }
    fetchFile(values);
  }

  get('messages.json', function (request) {
    var catalogues = {};
    try {
      catalogues = request.status === 200 ? JSON.parse(request.responseText) : {};
    } catch (error) {
      catalogues = {};
    }
    var language = chooseLanguage(catalogues);
    messages = catalogues[language] || {};
    document.documentElement.setAttribute('lang', language);
    start();
  });
})();
