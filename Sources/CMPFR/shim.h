/* The C surface of GNU MPFR that BackpropCheck imports into Swift.
 * stdarg.h must precede mpfr.h so the va_list variants are declared. */
#ifndef BACKPROPCHECK_CMPFR_SHIM_H
#define BACKPROPCHECK_CMPFR_SHIM_H
#include <stdio.h>
#include <stdarg.h>
#include <gmp.h>
#include <mpfr.h>
#endif
