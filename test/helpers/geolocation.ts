import { sendKeys } from '@web/test-runner-commands';

type Outcome = { lat: number; lng: number } | { code: 1 | 2 | 3; message?: string };

/**
 * Replaces the browser's geolocation for one test. Returns a restore function and a counter
 * of how many times a position was asked for (location must be asked for only on a press). The
 * position (or failure) comes `delayMs` after it is asked for.
 */
export function stubGeolocation(outcome: Outcome, delayMs = 0) {
  const proto = Geolocation.prototype;
  const original = proto.getCurrentPosition;
  const calls = { count: 0 };
  proto.getCurrentPosition = function (success: PositionCallback, failure?: PositionErrorCallback | null) {
    calls.count++;
    setTimeout(() => {
      if ('lat' in outcome) {
        success({ coords: { latitude: outcome.lat, longitude: outcome.lng, accuracy: 10 }, timestamp: Date.now() } as GeolocationPosition);
      } else {
        failure?.({
          code: outcome.code,
          message: outcome.message ?? '',
          PERMISSION_DENIED: 1,
          POSITION_UNAVAILABLE: 2,
          TIMEOUT: 3,
        } as GeolocationPositionError);
      }
    }, delayMs);
  };
  return { calls, restore: () => (proto.getCurrentPosition = original) };
}

/**
 * Presses a button as a visitor does, with a key press the browser counts as their action
 * ("Use my location" asks for nothing on a script's click).
 */
export async function press(button: HTMLElement) {
  button.focus();
  await sendKeys({ press: 'Enter' });
}
