/**
 * The order in which a trainer visits its examples, pass by pass: one array shuffled in place
 * (Fisher–Yates) before each pass, from a fixed linear congruential source, so training is
 * deterministic and a retrained model differs only when its data do.
 */
export function* epochOrders(count: number, epochs: number, seed: number): Generator<readonly number[]> {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    yield order;
  }
}
