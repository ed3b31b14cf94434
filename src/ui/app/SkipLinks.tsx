/** Skip links to the main regions: the first thing Tab reaches. */
export function SkipLinks() {
  const links: readonly [string, string][] = [
    ['#diagram', 'Skip to the diagram'],
    ['#story', 'Skip to the NMI story'],
    ['#timeline', 'Skip to the timeline'],
    ['#details', 'Skip to the details'],
  ];
  return (
    <nav className="skip-links" aria-label="Skip links">
      {links.map(([href, text]) => (
        <a key={href} href={href}>
          {text}
        </a>
      ))}
    </nav>
  );
}
