// Who made a change, recorded on every row it writes: a collector code (or 'system') and the surface.
export interface Who {
  actor: string;
  source: string;
}
