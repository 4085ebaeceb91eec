// Metadata keys come from untrusted files; a key such as "__proto__" assigned with `obj[key] =`
// would replace the object's prototype instead of adding an entry. Defining the property avoids
// that while keeping ordinary objects (JSON-friendly, deepEqual-friendly).
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
