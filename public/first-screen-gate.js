/* global document, location */
// The static first screen (scripts/first-screen-html.mjs) waits in a <template> right before this
// script, which the parser runs as soon as it reaches it: on the default opening (no query
// parameter but `motion`) it puts the picture into #root, where React's first render replaces it;
// a page opened on a link never has it in its document.
(function () {
  var template = document.getElementById('first-screen');
  var root = document.getElementById('root');
  if (!template || !root) return;
  template.remove();
  var keys = Array.from(new URLSearchParams(location.search).keys());
  var link = keys.some(function (key) {
    return key !== 'motion';
  });
  if (!link) root.append(template.content.cloneNode(true));
})();
