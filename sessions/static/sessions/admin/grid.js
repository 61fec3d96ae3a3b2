// The programme grid. A click in a room's column adds a session at the half hour
// clicked; dropping a session's block there moves it. A drop fills and posts the same
// move form the keyboard uses, so the server's schedule rules decide, and a refused
// move lands on that form with the reason. Without this script each column's link adds
// a session at the start of the day, and each block's "Move" link moves it.
(function () {
  "use strict";
  var form = document.getElementById("grid-move");
  if (!form) return;
  var slotMinutes = Number(form.dataset.slotMinutes);
  var cellMinutes = Number(form.dataset.cellMinutes);
  var dragged = null;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // "YYYY-MM-DDTHH:MM" of the half hour under clientY in `lane` (wall-clock time, as
  // the server reads it in the event's zone).
  function startAt(lane, clientY) {
    var box = lane.getBoundingClientRect();
    var rows = Number(lane.dataset.rows);
    var row = Math.floor(((clientY - box.top) / box.height) * rows);
    var perCell = cellMinutes / slotMinutes;
    row = Math.max(0, Math.min(rows - perCell, row - (row % perCell)));
    var first = lane.dataset.first; // YYYY-MM-DDTHH:MM
    var minutes =
      Number(first.slice(11, 13)) * 60 + Number(first.slice(14, 16)) + row * slotMinutes;
    return first.slice(0, 11) + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }

  function addUrl(lane, start) {
    var url = new URL(lane.href, window.location.href);
    url.searchParams.set("start", start);
    return url.toString();
  }

  document.querySelectorAll(".grid .grid-lane").forEach(function (lane) {
    lane.addEventListener("click", function (event) {
      if (event.detail === 0) return; // the keyboard: the link's own address
      event.preventDefault();
      window.location.href = addUrl(lane, startAt(lane, event.clientY));
    });
    lane.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      lane.classList.add("drop-target");
    });
    lane.addEventListener("dragleave", function () {
      lane.classList.remove("drop-target");
    });
    lane.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      form.action = dragged.dataset.move;
      form.elements.start.value = startAt(lane, event.clientY);
      form.elements.room.value = lane.dataset.room;
      form.submit();
    });
  });

  document.querySelectorAll(".grid .block[data-move]").forEach(function (block) {
    block.addEventListener("dragstart", function (event) {
      dragged = block;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", block.dataset.move);
      // After the drag has started: blocks then let drops through to the columns
      // beneath them, the dragged block's own place included.
      setTimeout(function () {
        block.closest(".grid").classList.add("dragging");
      }, 0);
    });
    block.addEventListener("dragend", function () {
      block.closest(".grid").classList.remove("dragging");
      dragged = null;
    });
  });
})();
