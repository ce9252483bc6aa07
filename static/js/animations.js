// plotly.js rejects the promise of an animation that a newer one interrupts (Play clicked again, Pause,
// the slider moved while the map plays), and its buttons and slider leave that promise uncaught: the
// browser then reports "Uncaught (in promise) undefined". An interrupted animation is what the user asked
// for, not an error, so those rejections (plotly's carry no reason) are marked handled. Any other
// rejection is left as it is.
if (!window.c5dashAnimations) {
  window.c5dashAnimations = true;
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason === undefined) event.preventDefault();
  });
}
