/* Semihosting calls (Arm "Semihosting for AArch32 and AArch64", v2.0): r0 holds the operation,
 * r1 its argument; the host answers in r0. */
#include "semihosting.h"

enum {
  SYS_WRITE0 = 0x04,        /* r1: NUL-terminated string */
  SYS_EXIT_EXTENDED = 0x20, /* r1: {reason, exit code} */
  ADP_STOPPED_APPLICATION_EXIT = 0x20026
};

static int semihost(int operation, const void* argument) {
  register int r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void sh_puts(const char* text) { semihost(SYS_WRITE0, text); }

void sh_put_int(long value) {
  char digits[24];
  char* p = digits + sizeof digits;
  unsigned long magnitude = value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
  *--p = '\0';
  do {
    *--p = (char)('0' + magnitude % 10u);
    magnitude /= 10u;
  } while (magnitude != 0);
  if (value < 0) *--p = '-';
  sh_puts(p);
}

void sh_put_float(float value, int decimals) {
  if (value != value) {
    sh_puts("nan");
    return;
  }
  if (value < 0.0f) {
    sh_puts("-");
    value = -value;
  }
  long scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const long whole = (long)value;
  long fraction = (long)((value - (float)whole) * (float)scale + 0.5f);
  long carry = fraction / scale;
  sh_put_int(whole + carry);
  if (decimals <= 0) return;
  fraction -= carry * scale;
  char text[16];
  int n = decimals < 15 ? decimals : 15;
  text[n] = '\0';
  for (int i = n - 1; i >= 0; --i) {
    text[i] = (char)('0' + fraction % 10);
    fraction /= 10;
  }
  sh_puts(".");
  sh_puts(text);
}

void sh_exit(int code) {
  const int block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};
  semihost(SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}
