import type { ClusterPoints, Drawable } from './cluster-index.js';

/** A box as supercluster takes it: `[west, south, east, north]`. */
export type Box = [number, number, number, number];

/** The page to the cluster worker: build from these points; then queries, each with its number. */
export type ClusterRequest =
  | { type: 'load'; points: ClusterPoints }
  | { type: 'query'; seq: number; bbox: Box; zoom: number; pinned: number[] }
  | { type: 'expansion'; seq: number; id: number };

/** The cluster worker to the page. */
export type ClusterReply =
  | { type: 'ready' }
  | { type: 'loaded' }
  | { type: 'drawables'; seq: number; items: Drawable[] }
  | { type: 'expansion'; seq: number; zoom: number }
  | { type: 'error'; seq?: number; message: string };
