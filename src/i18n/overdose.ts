/**
 * Visible text of `<nf-overdose-card>`, so a translation is one object. The steps follow what
 * public-health agencies publish for bystanders (SAMHSA's Overdose Prevention and Response
 * Toolkit; Health Canada and the BC CDC's SAVE ME): plain words, the person first, no blame.
 */
export interface OverdoseStrings {
  /** The disclosure's always-visible label. */
  summary: string;
  /** One line of signs, above the steps. */
  signs: string;
  /** The text of the emergency call link. */
  call: (number: string) => string;
  callDetail: string;
  naloxone: string;
  naloxoneDetail: string;
  breathing: string;
  breathingDetail: string;
  secondDose: string;
  secondDoseDetail: string;
  stay: string;
  stayDetail: string;
  /** The training link's text when the partner gives no `training-label`. */
  training: string;
}

export const enOverdose: OverdoseStrings = {
  summary: 'If someone may be overdosing',
  signs: 'Signs can include: they cannot be woken up; slow, weak or no breathing; blue or grey lips or nails; choking, gurgling or snoring sounds.',
  call: (number) => `Call ${number}`,
  callDetail: 'Say that someone is not breathing or will not wake up, and where you are.',
  naloxone: 'Give naloxone.',
  naloxoneDetail: 'Spray it into one nostril, or inject it into the thigh or upper arm. It is safe even if they have not taken opioids.',
  breathing: 'Support their breathing.',
  breathingDetail:
    'Give rescue breaths or chest compressions if you know how. If they are breathing, or you must step away, roll them onto their side (the recovery position) so they do not choke.',
  secondDose: 'Give another dose if there is no response after 2–3 minutes.',
  secondDoseDetail: 'Keep supporting their breathing between doses.',
  stay: 'Stay with them until help arrives.',
  stayDetail: 'Naloxone can wear off before the opioids do, so the overdose can come back. When they wake up, tell them what happened.',
  training: 'Learn how to respond to an overdose',
};
