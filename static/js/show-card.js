// Brings an event's card into view when it opens: under a tall timeline (a phone's is taller than
// its screen) the card would otherwise open out of sight. Loaded from the app's own server by the
// card itself, so it runs each time a card is drawn anew.
setTimeout(() => {
  const card = document.querySelector(".st-key-event-card");
  if (card) {
    card.style.scrollMarginTop = "4.5rem"; // clear of Streamlit's header bar, which would hide its title
    card.scrollIntoView({ block: "start" });
  }
}, 300);
