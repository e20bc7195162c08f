/** The device's position for a finding, with its accuracy; null when it cannot be had in time. */
export interface Position {
  lat: number;
  lon: number;
  accuracyM: number;
}

export function currentPosition(timeoutMs = 15_000): Promise<Position | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
