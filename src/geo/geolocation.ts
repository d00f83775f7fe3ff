import type { LatLng } from '../types.js';

export type LocateErrorKind = 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'insecure';

export class LocateError extends Error {
  override name = 'LocateError';
  constructor(
    readonly kind: LocateErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Asks the browser for the device's position, once. Call it only from a visitor's action:
 * the position is used on the device to sort the list and is never sent anywhere.
 */
export function locate(options: PositionOptions = { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }): Promise<LatLng> {
  if (typeof window !== 'undefined' && !window.isSecureContext) {
    return Promise.reject(new LocateError('insecure', 'Geolocation needs a secure (https) page.'));
  }
  if (!('geolocation' in navigator)) {
    return Promise.reject(new LocateError('unsupported', 'This browser has no geolocation.'));
  }
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      (error) => {
        const kind: LocateErrorKind = error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
        reject(new LocateError(kind, error.message || kind));
      },
      options,
    );
  });
}
