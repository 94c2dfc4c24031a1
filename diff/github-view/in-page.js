/* global window, document, mermaid */
// Runs inside the page of a rendered comment (diff/github-view/view-comment.ts), sent to the browser as it is: draws
// each `mermaid` block where GitHub draws it, then reports what a reviewer would see broken there.

/** The colour as `#rrggbb`, however the SVG spells it. */
function hexOf(colour) {
  const context = document.createElement('canvas').getContext('2d');
  context.fillStyle = colour;
  return String(context.fillStyle).toLowerCase();
}

/** The chart's title element: the text of xychart's title group, or the first text of a diagram's title. */
function titleOf(svg) {
  return svg.querySelector('g.chart-title text, .titleText, text.title');
}

/** The lines of an xychart, each with its stroke colour. */
function linesOf(svg) {
  return [...svg.querySelectorAll('g.plot path')].filter((p) => p.getAttribute('fill') === 'none');
}

/** Problems of one drawn chart: a title wider than the chart, a line whose colour the text above it does not name. */
function problemsOf(holder, svg, label, colourNames) {
  const problems = [];
  const chart = svg.getBoundingClientRect();
  const title = titleOf(svg);
  if (title) {
    const box = title.getBoundingClientRect();
    // Half a pixel of slack for anti-aliasing; anything more is cut off by the SVG's edge.
    if (box.left < chart.left - 0.5 || box.right > chart.right + 0.5)
      problems.push(
        `${label}: the title is cut off: ${Math.round(box.width)} px of text in a ${Math.round(chart.width)} px wide chart`,
      );
  }
  const legend = holder.previousElementSibling ? holder.previousElementSibling.textContent : '';
  linesOf(svg).forEach((line, i) => {
    const hex = hexOf(line.getAttribute('stroke') || '');
    const name = colourNames[hex];
    if (!name)
      problems.push(`${label}: line ${i + 1} has no legend: it is drawn in ${hex}, a colour the comment never names`);
    else if (!new RegExp(`\\b${name}\\b`, 'i').test(legend))
      problems.push(`${label}: line ${i + 1} has no legend: the text above the chart does not say what ${name} is`);
  });
  return problems;
}

/**
 * Draws every `mermaid` code block of the comment in place, as GitHub does, and returns the problems found.
 * `colourNames` maps `#rrggbb` to the word the comment uses for that colour.
 */
window.drawAndCheckCharts = async function drawAndCheckCharts(colourNames) {
  mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict' });
  const problems = [];
  const blocks = [...document.querySelectorAll('pre > code.language-mermaid')];
  for (const [i, block] of blocks.entries()) {
    let label = `chart ${i + 1} of ${blocks.length}`;
    let drawn;
    try {
      drawn = await mermaid.render(`chart-${i + 1}`, block.textContent);
    } catch (error) {
      const message = String((error && error.message) || error)
        .split('\n')
        .filter(Boolean);
      problems.push(`${label}: Mermaid cannot draw it: ${message.join(' ')}`);
      continue;
    }
    const holder = document.createElement('div');
    holder.className = 'mermaid-chart';
    holder.innerHTML = drawn.svg;
    block.parentElement.replaceWith(holder);
    const svg = holder.querySelector('svg');
    const title = titleOf(svg);
    if (title) label = `${label} ("${title.textContent}")`;
    problems.push(...problemsOf(holder, svg, label, colourNames));
  }
  return problems;
};
