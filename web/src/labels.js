// Labels in Arabic and English, and a colour for each of ACLED's event types.

export const EVENT_TYPES = {
  Battles: { ar: 'معارك', color: '#c0392b' },
  'Explosions/Remote violence': { ar: 'انفجارات وعنف عن بُعد', color: '#e67e22' },
  'Violence against civilians': { ar: 'عنف ضد المدنيين', color: '#8e44ad' },
  Protests: { ar: 'احتجاجات', color: '#2980b9' },
  Riots: { ar: 'أعمال شغب', color: '#16a085' },
  'Strategic developments': { ar: 'تطورات استراتيجية', color: '#7f8c8d' },
};

const OTHER = { ar: 'أخرى', color: '#34495e' };

export function typeInfo(type) {
  return EVENT_TYPES[type] ?? { ...OTHER, ar: type || OTHER.ar };
}

/** A stable class name per type (`t0`..`t5`, `tx` for anything else). */
export function typeClass(type) {
  const i = Object.keys(EVENT_TYPES).indexOf(type);
  return i < 0 ? 'tx' : `t${i}`;
}

const regionAr = safeDisplayNames('ar');
const regionEn = safeDisplayNames('en');

function safeDisplayNames(lang) {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' });
  } catch {
    return null;
  }
}

export function countryName(iso2, lang) {
  const names = lang === 'ar' ? regionAr : regionEn;
  if (!iso2 || !names || !/^[A-Z]{2}$/.test(iso2)) return iso2 || '';
  try {
    return names.of(iso2) ?? iso2;
  } catch {
    return iso2;
  }
}

export const ENTITY_KINDS = {
  place: 'مكان · place',
  actor: 'فاعل · actor',
  person: 'شخص · person',
  organization: 'منظمة · organization',
  date: 'تاريخ · date',
  number: 'عدد · number',
};
