/* The seed network's forward pass with sigmoid activations, written in C on
 * MPFR variables allocated once, for comparison with the Swift BigFloat code.
 * The header deliberately exposes no MPFR type, so that Swift sees MPFR only
 * through the main package's CMPFR module. */
#ifndef SEED_FORWARD_H
#define SEED_FORWARD_H
#include <stddef.h>

/* Parameters and inputs, in this order: x00, x01, w10, b10, w11, b11,
 * w20[0], w20[1], b20[0], b20[1]. */
enum { SEED_FORWARD_VALUE_COUNT = 10 };

typedef struct seed_forward seed_forward;

/* Allocates every variable at `precision` bits and sets the values (exactly,
 * for precision >= 53). Returns NULL when out of memory. */
seed_forward *seed_forward_create(long precision, const double values[SEED_FORWARD_VALUE_COUNT]);
void seed_forward_destroy(seed_forward *context);

/* One forward pass:
 *   z10 = w10*x00 + b10, x10 = s(z10); z11 = w11*x01 + b11, x11 = s(z11);
 *   z20 = (w20[0]*x10 + b20[0]) + (w20[1]*x11 + b20[1]); y = s(z20)
 * with s(z) = 1/(1 + exp(-z)), each operation rounded to nearest. */
void seed_forward_run(seed_forward *context);

/* y as C99 hexadecimal text ("0x0.<hex digits>p<binary exponent>", exact)
 * written into buffer; returns the length it needs (excluding the NUL). */
size_t seed_forward_result_hex(const seed_forward *context, char *buffer, size_t capacity);

#endif
