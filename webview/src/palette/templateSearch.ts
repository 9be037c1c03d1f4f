// Which palette templates a search shows, grouped the way the palette lists them. Pure.
import { TEMPLATES, type TemplateInfo } from '../../../src/core/templates/catalog';

export interface TemplateGroup {
  group: TemplateInfo['group'];
  templates: TemplateInfo[];
}

/**
 * Templates whose title, description or name hold every word of the query (any case), grouped
 * by `group` in the order groups first appear in the catalog. An empty query shows them all.
 */
export function searchTemplates(query: string, catalog: readonly TemplateInfo[] = TEMPLATES): TemplateGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const groups: TemplateGroup[] = [];
  for (const template of catalog) {
    const haystack = `${template.title}\n${template.description}\n${template.name}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    let entry = groups.find((g) => g.group === template.group);
    if (!entry) {
      entry = { group: template.group, templates: [] };
      groups.push(entry);
    }
    entry.templates.push(template);
  }
  return groups;
}
