/* Semihosting on Arm M-profile: the debugger (here QEMU) services `bkpt 0xAB` calls, which gives
 * a bare-metal program a console and an exit status without any UART driver. */
#ifndef TINYKM_PORT_SEMIHOSTING_H
#define TINYKM_PORT_SEMIHOSTING_H

#ifdef __cplusplus
extern "C" {
#endif

/* Writes a NUL-terminated string to the host's stdout. */
void sh_puts(const char* text);
/* Writes a decimal integer, then a float with `decimals` digits after the point (no printf:
 * newlib's pulls in malloc and about 20 KB). */
void sh_put_int(long value);
void sh_put_float(float value, int decimals);
/* Ends the program; QEMU exits with `code` (0 = success). */
void sh_exit(int code) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif
