/**
 * The handle a fake `setTimeout` returns, shaped as Node's: number-like (browsers return
 * a number) with `ref`/`unref`/`hasRef`, so code written for either runtime accepts it.
 */
export class TimerHandle {
  constructor(readonly id: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}
