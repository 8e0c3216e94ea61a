// The inspector's scanner: read a guide's QR code with the phone's camera (jsQR, vendored; nothing leaves the
// phone). A code holding this site's check link opens it; a bare credential is put in the form and checked.
(function () {
  "use strict";
  var button = document.getElementById("scan-start");
  if (!button || !window.jsQR || !navigator.mediaDevices) { return; }
  var box = document.getElementById("scanner");
  var video = box.querySelector("video");
  var status = document.getElementById("scan-status");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", {willReadFrequently: true});
  var stream = null;
  button.hidden = false;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    box.hidden = true;
  }

  function found(text) {
    stop();
    var prefix = window.location.origin + "/v/";
    if (text.indexOf(prefix) === 0) {
      window.location.assign(text);
      return;
    }
    var field = document.getElementById("credential");
    field.value = text;
    field.form.submit();
  }

  function frame() {
    if (!stream) { return; }
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, {inversionAttempts: "dontInvert"});
      if (code && code.data) { found(code.data); return; }
    }
    window.requestAnimationFrame(frame);
  }

  button.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}}).then(function (media) {
      stream = media;
      video.srcObject = media;
      box.hidden = false;
      status.textContent = status.dataset.scanning;
      return video.play();
    }).then(function () { window.requestAnimationFrame(frame); }).catch(function () {
      status.textContent = status.dataset.denied;
    });
  });
  document.getElementById("scan-stop").addEventListener("click", stop);
}());
