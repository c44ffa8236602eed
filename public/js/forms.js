// E-form behaviour that needs JavaScript; every page works without it (the server asks follow-up
// questions on a page of their own and the error summary is also marked autofocus).
(function () {
  'use strict';
  var summary = document.querySelector('[data-module="error-summary"]');
  if (summary && document.activeElement !== summary) summary.focus();

  var blocks = document.querySelectorAll('[data-show-if-field]');
  if (!blocks.length) return;
  var form = blocks[0].closest('form');
  var part = form && form.querySelector('[data-follow-up-part]');
  // The follow-up questions are answered on this page now, so the server checks the whole step.
  if (part) part.value = 'all';

  function current(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    if (checked) return checked.value;
    var el = form.querySelector('select[name="' + name + '"], input[name="' + name + '"]:not([type="radio"]):not([type="checkbox"])');
    return el ? el.value : '';
  }

  function update() {
    for (var i = 0; i < blocks.length; i++) {
      var b = blocks[i];
      b.hidden = current(b.getAttribute('data-show-if-field')) !== b.getAttribute('data-show-if-equals');
    }
  }

  form.addEventListener('change', update);
  update();
})();
