// The programme grid: drop a session's block on a free slot to move it there. The drop
// fills and posts the same move form the keyboard uses, so the server's schedule rules
// decide, and a refused move lands on that form with the reason.
(function () {
  "use strict";
  var form = document.getElementById("grid-move");
  if (!form) return;
  var dragged = null;

  document.querySelectorAll(".grid .block[data-move]").forEach(function (block) {
    block.addEventListener("dragstart", function (event) {
      dragged = block;
      block.classList.add("being-dragged");
      // After the drag has started: blocks then let drops through to the slots
      // beneath them, the dragged block's own included.
      setTimeout(function () {
        block.closest(".grid").classList.add("dragging");
      }, 0);
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", block.dataset.move);
    });
    block.addEventListener("dragend", function () {
      block.classList.remove("being-dragged");
      document.querySelectorAll(".grid.dragging").forEach(function (grid) {
        grid.classList.remove("dragging");
      });
      dragged = null;
    });
  });

  document.querySelectorAll(".grid .grid-cell").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      cell.classList.add("drop-target");
    });
    cell.addEventListener("dragleave", function () {
      cell.classList.remove("drop-target");
    });
    cell.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      form.action = dragged.dataset.move;
      form.elements.start.value = cell.dataset.start;
      form.elements.room.value = cell.dataset.room;
      form.submit();
    });
  });
})();
