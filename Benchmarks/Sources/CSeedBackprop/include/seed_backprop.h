/* The seed network's forward pass and back-to-front gradient with sigmoid
 * activations, written straight-line in C: once on binary64 (`double`, libm
 * exp) and once on MPFR variables allocated once. They mirror the operation
 * order of the kit's generic sweep (Sources/NetworkModel/Backprop.swift with
 * Activation.sigmoidAndDerivative), so their results are bit-identical to it.
 *
 * The header deliberately exposes no MPFR type, so that Swift sees MPFR only
 * through the main package's CMPFR module. */
#ifndef SEED_BACKPROP_H
#define SEED_BACKPROP_H
#include <stddef.h>

/* One case: inputs then parameters, in the kit's order:
 * x00, x01, w10, b10, w11, b11, w20[0], w20[1], b20[0], b20[1]. */
enum { SEED_BACKPROP_VALUE_COUNT = 10 };
/* One result: y, then dy/dθ for w10, b10, w11, b11, w20[0], w20[1], b20[0], b20[1]. */
enum { SEED_BACKPROP_RESULT_COUNT = 9 };

/* --- binary64 --------------------------------------------------------- */

/* Forward pass and all eight partials of one case. */
void seed_backprop_double(const double values[SEED_BACKPROP_VALUE_COUNT],
                          double result[SEED_BACKPROP_RESULT_COUNT]);

/* Evaluates `count` cases, starting at case `start` of the `case_count`
 * cases in `cases` (SEED_BACKPROP_VALUE_COUNT values each) and wrapping
 * around; every case overwrites `result`. Returns the sum of the y values
 * (so that no evaluation can be optimised away). */
double seed_backprop_double_batch(const double *cases, size_t case_count, size_t start, size_t count,
                                  double result[SEED_BACKPROP_RESULT_COUNT]);

/* --- MPFR ------------------------------------------------------------- */

typedef struct seed_backprop_mpfr seed_backprop_mpfr;

/* Allocates every variable at `precision` bits. Returns NULL when out of memory. */
seed_backprop_mpfr *seed_backprop_mpfr_create(long precision);
void seed_backprop_mpfr_destroy(seed_backprop_mpfr *context);

/* Sets the ten values from binary64 (exactly, for precision >= 53), then
 * runs the forward pass and the back-to-front sweep, each operation
 * correctly rounded to nearest at the context's precision. */
void seed_backprop_mpfr_run(seed_backprop_mpfr *context, const double values[SEED_BACKPROP_VALUE_COUNT]);

/* Runs `count` cases as seed_backprop_double_batch does. Returns the
 * precision of y (a value the caller can keep). */
long seed_backprop_mpfr_batch(seed_backprop_mpfr *context, const double *cases, size_t case_count,
                              size_t start, size_t count);

/* Result `index` (0: y, 1...8: the gradient) of the last run, as C99
 * hexadecimal text ("0x0.<hex digits>p<binary exponent>", exact), written
 * into buffer; returns the length it needs (excluding the NUL). */
size_t seed_backprop_mpfr_result_hex(const seed_backprop_mpfr *context, int index, char *buffer, size_t capacity);

#endif
