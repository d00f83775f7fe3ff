import { ClusterIndex } from './cluster-index.js';
import type { ClusterReply, ClusterRequest } from './cluster-worker-protocol.js';

/*
 * The map's cluster worker: builds the supercluster index of a large set of services (100k take
 * about a second on a fast machine, several on a slow phone: too long for one task on the page)
 * and answers the map's queries from it. One set of services per worker: a new set, a new worker.
 */

// Typed by hand: the project's lib is DOM, whose `self` is a Window.
const scope = self as unknown as {
  postMessage(message: ClusterReply): void;
  onmessage: ((event: MessageEvent<ClusterRequest>) => void) | null;
};

let index: ClusterIndex | undefined;

scope.onmessage = ({ data }) => {
  try {
    if (data.type === 'load') {
      index = new ClusterIndex(data.points);
      scope.postMessage({ type: 'loaded' });
    } else if (!index) {
      throw new Error('asked before any services were loaded');
    } else if (data.type === 'query') {
      scope.postMessage({ type: 'drawables', seq: data.seq, items: index.query(data.bbox, data.zoom, new Set(data.pinned)) });
    } else if (data.type === 'expansion') {
      scope.postMessage({ type: 'expansion', seq: data.seq, zoom: index.expansionZoom(data.id) });
    }
  } catch (error) {
    scope.postMessage({ type: 'error', ...('seq' in data ? { seq: data.seq } : {}), message: error instanceof Error ? error.message : String(error) });
  }
};

scope.postMessage({ type: 'ready' });
