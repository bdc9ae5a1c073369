/*
 * Passkey ceremonies for Ostoja's own pages (templates/accounts/_passkey_ceremony.html).
 *
 * A box marked data-passkey="register" creates a passkey, data-passkey="authenticate" signs in
 * with one. The server gives the options as JSON (binary fields base64url-encoded, as
 * django-otp-webauthn/py_webauthn produce them) and checks the browser's answer. Every text shown
 * comes from the box's data-msg-* attributes, translated by the server. No inline code, nothing
 * from another host: this file is served from our static files with the page's CSP nonce.
 */
(function () {
  "use strict";

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    base64 += "===".slice((base64.length + 3) % 4);
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: fromBase64url(item.id) });
    });
  }

  function creationOptions(json) {
    return Object.assign({}, json, {
      challenge: fromBase64url(json.challenge),
      user: Object.assign({}, json.user, { id: fromBase64url(json.user.id) }),
      excludeCredentials: descriptors(json.excludeCredentials),
    });
  }

  function requestOptions(json) {
    return Object.assign({}, json, {
      challenge: fromBase64url(json.challenge),
      allowCredentials: descriptors(json.allowCredentials),
    });
  }

  function common(credential) {
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
    };
  }

  function registrationJSON(credential) {
    var response = credential.response;
    return Object.assign(common(credential), {
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        attestationObject: toBase64url(response.attestationObject),
        transports: response.getTransports ? response.getTransports() : [],
      },
    });
  }

  function authenticationJSON(credential) {
    var response = credential.response;
    return Object.assign(common(credential), {
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        authenticatorData: toBase64url(response.authenticatorData),
        signature: toBase64url(response.signature),
        userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined,
      },
    });
  }

  function post(url, csrf, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(payload || {}),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (body) {
          return { ok: response.ok, body: body };
        });
    });
  }

  function setUp(box) {
    var button = box.querySelector("button");
    var status = box.querySelector(".passkey-status");
    var register = box.dataset.passkey === "register";
    var needsScript = box.querySelector(".passkey-needs-script");
    if (needsScript) needsScript.remove();

    function say(text, kind) {
      status.textContent = text || "";
      status.className = "passkey-status" + (kind ? " message message-" + kind : "");
    }

    if (!window.PublicKeyCredential || !navigator.credentials) {
      say(box.dataset.msgUnsupported, "warning");
      return;
    }
    button.hidden = false;

    button.addEventListener("click", function () {
      button.disabled = true;
      say(box.dataset.msgBusy, "info");
      var finished = false;
      post(box.dataset.begin, box.dataset.csrf)
        .then(function (begin) {
          if (!begin.ok) throw { shown: begin.body.detail || box.dataset.msgFailed };
          var ceremony = register
            ? navigator.credentials.create({ publicKey: creationOptions(begin.body) })
            : navigator.credentials.get({ publicKey: requestOptions(begin.body) });
          return ceremony.catch(function (error) {
            var exists = error && error.name === "InvalidStateError";
            throw { shown: exists ? box.dataset.msgExists : box.dataset.msgCancelled };
          });
        })
        .then(function (credential) {
          say(box.dataset.msgChecking, "info");
          var answer = register ? registrationJSON(credential) : authenticationJSON(credential);
          return post(box.dataset.complete, box.dataset.csrf, answer);
        })
        .then(function (done) {
          if (!done.ok || !done.body.redirect) throw { shown: done.body.detail || box.dataset.msgFailed };
          finished = true;
          window.location.assign(done.body.redirect);
        })
        .catch(function (problem) {
          say((problem && problem.shown) || box.dataset.msgFailed, "error");
        })
        .then(function () {
          if (!finished) {
            button.disabled = false;
            button.focus();
          }
        });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-passkey]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
