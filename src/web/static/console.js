// The office console's own script: charts from data attributes, the CSRF header on htmx requests,
// print buttons and the simulator's scrolling. Served from /static (the page allows no inline script).
(() => {
  const csrf = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";

  function drawCharts(root) {
    if (typeof echarts === "undefined") return;
    for (const el of root.querySelectorAll("[data-chart]")) {
      const previous = echarts.getInstanceByDom(el);
      if (previous) previous.dispose();
      const dark = document.body.classList.contains("big-screen");
      const chart = echarts.init(el, dark ? "dark" : null, { renderer: "canvas" });
      const option = JSON.parse(el.getAttribute("data-chart"));
      if (dark) option.backgroundColor = "transparent";
      chart.setOption(option);
      el.setAttribute("data-drawn", "1");
    }
  }

  function scrollChat() {
    const log = document.querySelector(".chat-log");
    if (log) log.scrollTop = log.scrollHeight;
  }

  document.addEventListener("DOMContentLoaded", () => {
    drawCharts(document);
    scrollChat();
    for (const button of document.querySelectorAll("[data-print]"))
      button.addEventListener("click", () => window.print());
  });
  document.addEventListener("htmx:configRequest", (event) => {
    event.detail.headers["X-CSRF-Token"] = csrf();
  });
  document.addEventListener("htmx:afterSettle", (event) => {
    drawCharts(event.target);
    scrollChat();
  });
  window.addEventListener("resize", () => {
    if (typeof echarts === "undefined") return;
    for (const el of document.querySelectorAll("[data-chart]")) echarts.getInstanceByDom(el)?.resize();
  });
})();
