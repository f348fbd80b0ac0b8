import { InvalidArgumentError } from 'commander';

/** A commander option parser for whole numbers of at least `min`, with a message that says so. */
export const wholeNumber = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of ${min} or more`);
  return n;
};
