// A box above each long list of people (select[data-filterable]) narrows it to the
// names and organisations that hold what is typed, accents ignored; people already
// chosen stay in view. Without this script the list is a plain multiple select. What it
// says, in the admin's language, is on the form (data-filter-label, data-filter-shown).
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("select[data-filterable]").forEach(function (select) {
    var words = select.closest("[data-filter-label]").dataset;
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "-filter";
    box.setAttribute("aria-controls", select.id);
    box.autocomplete = "off";
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = words.filterLabel;
    label.className = "w-field__label";
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "help";
    select.before(label, box, status);
    box.addEventListener("input", function () {
      var wanted = fold(box.value.trim());
      var shown = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = !wanted || option.selected || fold(option.text).indexOf(wanted) !== -1;
        option.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = wanted ? words.filterShown.replace("{n}", shown) : "";
    });
  });
})();
