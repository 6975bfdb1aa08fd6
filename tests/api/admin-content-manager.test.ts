import fs from 'node:fs';
import path from 'node:path';
import { superAdmin } from '../helpers/admin';
import { WITH_CONTENT_MANAGER_VIEW } from '../helpers/types';

interface Configuration {
  contentType: {
    settings: { mainField: string; defaultSortBy: string; defaultSortOrder: string };
    metadatas: Record<
      string,
      { edit: { label: string; description: string; mainField?: string }; list: { label: string } }
    >;
    layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
  };
}

const TYPES = WITH_CONTENT_MANAGER_VIEW;

const specOf = (type: string) =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'api', type, 'content-manager.json'), 'utf8'),
  ) as {
    settings: Record<string, string>;
    list: string[];
    fields: Record<string, { label: string; description?: string }>;
    edit: string[][];
  };

describe('the Content Manager views come from the repository', () => {
  it.each(TYPES)(
    'api::%s: French labels, list columns, default sort, edit view as versioned',
    async (type) => {
      const admin = await superAdmin();
      const response = await admin.get(`/content-manager/content-types/api::${type}.${type}/configuration`);
      expect(response.status).toBe(200);
      const { settings, metadatas, layouts } = (response.body as { data: Configuration }).data.contentType;
      const spec = specOf(type);
      expect(settings).toMatchObject(spec.settings);
      expect(layouts.list).toEqual(spec.list);
      expect(layouts.edit.map((row) => row.map((cell) => `${cell.name}:${cell.size}`))).toEqual(spec.edit);
      for (const [field, { label, description }] of Object.entries(spec.fields)) {
        expect(metadatas[field].edit.label).toBe(label);
        expect(metadatas[field].list.label).toBe(label);
        expect(metadatas[field].edit.description).toBe(description ?? '');
      }
    },
  );

  it('relations are shown by title or name, not by id', async () => {
    const admin = await superAdmin();
    const response = await admin.get(
      '/content-manager/content-types/api::partnership.partnership/configuration',
    );
    const { metadatas } = (response.body as { data: Configuration }).data.contentType;
    expect(metadatas.country.edit.mainField).toBe('name');
    expect(metadatas.delegations.edit.mainField).toBe('title');
    expect(metadatas.themes.edit.mainField).toBe('name');
  });

  it('component fields are labelled in French too', async () => {
    const admin = await superAdmin();
    const response = await admin.get('/content-manager/components/shared.location/configuration');
    expect(response.status).toBe(200);
    const { metadatas } = (response.body as { data: { component: Configuration['contentType'] } }).data
      .component;
    expect(metadatas.placeName.edit.label).toBe('Nom du lieu');
    expect(metadatas.latitude.edit.description).toMatch(/WGS 84/);
  });

  it('the labels are French', () => {
    expect(specOf('partnership').fields.title.label).toBe('Titre');
    expect(specOf('delegation').fields.direction.label).toBe('Sens');
  });
});
