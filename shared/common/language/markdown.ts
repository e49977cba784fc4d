// Text the editor shows as markdown (hover, completion documentation): schema prose is escaped so
// it is shown as written, never interpreted.
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!<>|])/g, '\\$1');
}
