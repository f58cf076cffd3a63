/* Reset and fault handling for a Cortex-M4 on QEMU's mps2-an386 board. No C library start-up
 * files: this sets up memory and the FPU, runs main() and reports its result by semihosting.
 * There are no static constructors to run: tinykm and the firmwares have none (checked by the
 * linker script, which fails the link if .init_array is not empty). */
#include <stdint.h>
#include <string.h>

#include "semihosting.h"

int main(void);

/* Symbols of mps2-an386.ld. */
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern uint32_t __stack_top[];

void Reset_Handler(void) __attribute__((noreturn));
void Fault_Handler(void) __attribute__((noreturn));

void Reset_Handler(void) {
  memcpy(__data_start, __data_load, (size_t)((char*)__data_end - (char*)__data_start));
  memset(__bss_start, 0, (size_t)((char*)__bss_end - (char*)__bss_start));
  /* Full access to coprocessors 10 and 11 (the FPU) before any floating-point instruction. */
  volatile uint32_t* const cpacr = (volatile uint32_t*)0xE000ED88u;
  *cpacr |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
  sh_exit(main());
}

/* Any fault (bad access, undefined instruction, divide by zero trap) ends the run as a failure. */
void Fault_Handler(void) {
  sh_puts("tinykm firmware: hard fault\n");
  sh_exit(99);
}

/* The vector table: initial stack pointer, then handlers. QEMU reads it at address 0. */
__attribute__((section(".vectors"), used)) static void (*const vector_table[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler, Fault_Handler, Fault_Handler,
    Fault_Handler, Fault_Handler, Fault_Handler, 0,
    0, 0, 0, Fault_Handler,
    Fault_Handler, 0, Fault_Handler, Fault_Handler};
