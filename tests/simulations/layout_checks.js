// What a participant would see as broken in a simulation widget, read from the rendered page.
// Called with the widget's root element; returns a list of problems (empty = looks right).
(root) => {
  const problems = [];
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" &&
      style.display !== "none" && !el.closest("details:not([open]) > :not(summary)");
  };
  const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute("alt") || "").trim();
    return `<${el.tagName.toLowerCase()} class="${el.className}"> ${JSON.stringify(text.slice(0, 60))}`;
  };
  const output = root.closest(".jp-OutputArea-output") || root.parentElement;
  const area = output.getBoundingClientRect();
  // 1. Nothing sticks out of the output area (a cut-off figure, a row of controls too wide).
  if (output.scrollWidth > output.clientWidth + 1) {
    problems.push(`the output area scrolls sideways: ${output.scrollWidth}px of content in ${output.clientWidth}px`);
  }
  for (const el of root.querySelectorAll("*")) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > area.right + 1 || box.left < area.left - 1) {
      problems.push(`${describe(el)} sticks out of the output area (${Math.round(box.left)}–${Math.round(box.right)}px, area ${Math.round(area.left)}–${Math.round(area.right)}px)`);
    }
  }
  // 2. No widget scrolls or clips its content sideways.
  for (const el of [root, ...root.querySelectorAll(".jupyter-widgets, .widget-box, .widget-hbox, .widget-vbox, .widget-html-content, table, img")]) {
    if (!visible(el) || el.tagName === "TEXTAREA") continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      problems.push(`${describe(el)} overflows: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
    }
  }
  // 3. No text cut short: buttons, labels, descriptions, the text of a dropdown's choice.
  for (const el of root.querySelectorAll("button, .widget-label, .widget-label-basic, label, .widget-readout")) {
    if (!visible(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} is truncated: ${el.scrollWidth}px of text in ${el.clientWidth}px`);
    }
  }
  const canvas = document.createElement("canvas").getContext("2d");
  for (const select of root.querySelectorAll("select")) {
    if (!visible(select)) continue;
    const style = getComputedStyle(select);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const chosen = select.options[select.selectedIndex];
    const text = chosen ? chosen.text.replace(/\u00a0/g, " ") : "";  // ipywidgets writes spaces as nbsp
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const needed = canvas.measureText(text).width;
    if (needed > room + 1) {
      problems.push(`dropdown choice ${JSON.stringify(text)} is truncated: ${Math.round(needed)}px of text in ${Math.round(room)}px`);
    }
    if (!text) problems.push(`a dropdown shows nothing chosen (${describe(select.closest(".widget-dropdown") || select)})`);
  }
  // 4. No image drawn smaller than half its size (a figure squeezed to unreadable).
  for (const img of root.querySelectorAll("img")) {
    if (!visible(img) || !img.naturalWidth) continue;
    if (img.getBoundingClientRect().width < img.naturalWidth / 2) {
      problems.push(`figure shrunk to ${Math.round(img.getBoundingClientRect().width)}px from ${img.naturalWidth}px`);
    }
  }
  return problems;
}
