/**
 * What the citizen sees of an answer's markdown, as plain text: bold and italic marks, link targets,
 * bullet marks and heading marks removed; numbered items keep their number (the widget's renderer
 * shows it). Used for the length budget and by the evaluation. (Server code does not import the
 * widget: it is bundled for the browser separately.)
 */
export function visibleText(markdown: string): string {
  return String(markdown ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) =>
          line
            .replace(/^ {0,3}#{1,6}\s+/, '')
            .replace(/^(\s*)[-*+•]\s+/, '')
            .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1')
            .replace(/(\*\*|__)(.+?)\1/g, '$2')
            .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=$|[\s).,;:!?])/g, '$1$2')
            .trim(),
        )
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** Number of characters the citizen sees (code points). */
export function visibleLength(markdown: string): number {
  return [...visibleText(markdown)].length;
}
