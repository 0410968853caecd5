// The product's mark at the left of every screen's top bar (login, first run, change PIN, counter).
export function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        pA
      </span>
      <span className="brand-name">Sportello</span>
    </div>
  );
}
