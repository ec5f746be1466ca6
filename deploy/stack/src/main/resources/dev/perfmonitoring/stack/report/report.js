// Draws the report's charts with uPlot from the JSON the page carries; records what it drew in window.perfReport so
// a test (or a curious reader) can check every chart drew its series.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const drawn = {};
  window.perfReport = { drawn: drawn, plots: data.plots.map((plot) => plot.id) };

  const palette = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#0a7b83', '#bf3989', '#57606a'];
  const formats = {
    s: (v) => (v >= 0.1 ? (v * 1000).toFixed(0) : (v * 1000).toFixed(v < 0.01 ? 2 : 1)) + ' ms',
    ratio: (v) => (v * 100).toFixed(2) + ' %',
    '%': (v) => v.toFixed(1) + ' %',
    MiB: (v) => v.toFixed(0) + ' MiB',
    'req/s': (v) => v.toFixed(1) + '/s',
    '': (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)),
  };
  const elapsed = (seconds) => {
    const s = Math.round(seconds);
    return (s < 0 ? '-' : '+') + Math.floor(Math.abs(s) / 60) + ':' + String(Math.abs(s) % 60).padStart(2, '0');
  };

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function draw(plot, container) {
    const xs = Array.from(new Set(plot.series.flatMap((line) => line.points.map((point) => point[0]))))
      .sort((a, b) => a - b);
    const column = new Map(xs.map((x, i) => [x, i]));
    const ys = plot.series.map((line) => {
      const values = new Array(xs.length).fill(null);
      line.points.forEach(([x, y]) => { values[column.get(x)] = y; });
      return values;
    });
    const format = formats[plot.unit] || formats[''];
    const series = [{ label: 'since start', value: (u, v) => (v == null ? '' : elapsed(v)) }];
    plot.series.forEach((line, i) => {
      series.push({
        label: line.label,
        stroke: line.role === 'threshold' ? '#cf222e' : palette[i % palette.length],
        width: line.role === 'threshold' ? 2 : 1.5,
        dash: line.role === 'baseline' ? [6, 4] : line.role === 'threshold' ? [2, 3] : undefined,
        spanGaps: true,
        points: { show: line.points.length < 3 },
        value: (u, v) => (v == null ? '–' : format(v)),
      });
    });
    // A threshold far above the measured curves would flatten them: the y axis follows the measurements, and the
    // threshold line is drawn only when it is within twice their highest value (the title says where it is).
    const measured = ys.filter((values, i) => plot.series[i].role !== 'threshold').flat().filter((v) => v != null);
    const highest = measured.length ? Math.max(...measured) : 1;
    const thresholds = ys.filter((values, i) => plot.series[i].role === 'threshold').flat().filter((v) => v != null);
    const threshold = thresholds.length ? Math.max(...thresholds) : null;
    const top = threshold != null && threshold <= 2 * highest ? Math.max(threshold, highest) : highest;
    if (threshold != null && threshold > top) {
      container.parentNode.querySelector('h3').textContent += ' (SLO threshold ' + format(threshold) + ', above the chart)';
    }
    drawn[plot.id] = {};
    const chart = new uPlot({
      width: Math.max(480, container.clientWidth - 16),
      height: 260,
      series: series,
      scales: { x: { time: false }, y: { range: (u, min) => [Math.min(0, min), top > 0 ? top * 1.1 : 1] } },
      axes: [
        { values: (u, ticks) => ticks.map(elapsed) },
        { values: (u, ticks) => ticks.map(format), size: 80 },
      ],
      hooks: {
        drawSeries: [(u, index) => {
          drawn[plot.id][u.series[index].label] = u.data[index].filter((v) => v != null).length;
        }],
      },
    }, [xs].concat(ys), container);
    return chart;
  }

  const root = document.getElementById('plots');
  data.plots.forEach((plot) => {
    const box = element('div', { class: 'plot', id: 'plot-' + plot.id });
    box.appendChild(element('h3', {}, plot.title));
    const canvas = element('div', { class: 'canvas' });
    box.appendChild(canvas);
    const queries = element('details');
    queries.appendChild(element('summary', {}, 'PromQL'));
    plot.series.forEach((line) => queries.appendChild(element('code', {}, line.label + ': ' + line.promql)));
    plot.empty.forEach((line) => queries.appendChild(element('code', {}, line.label + ' (no data): ' + line.promql)));
    box.appendChild(queries);
    root.appendChild(box);
    draw(plot, canvas);
  });
  if (data.plots.length === 0) {
    root.appendChild(element('p', { class: 'hint' }, 'Prometheus returned no data for any chart of this window.'));
  }
}());
