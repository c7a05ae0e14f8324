#include "textflag.h"

DATA minhashLanes<>+0(SB)/4, $0
DATA minhashLanes<>+4(SB)/4, $1
DATA minhashLanes<>+8(SB)/4, $2
DATA minhashLanes<>+12(SB)/4, $3
DATA minhashLanes<>+16(SB)/4, $4
DATA minhashLanes<>+20(SB)/4, $5
DATA minhashLanes<>+24(SB)/4, $6
DATA minhashLanes<>+28(SB)/4, $7
GLOBL minhashLanes<>(SB), RODATA|NOPTR, $32

DATA minhashMul<>+0(SB)/4, $0x2c1b3c6d
GLOBL minhashMul<>(SB), RODATA|NOPTR, $4

// One group of eight hash functions: Y13 holds a+k*b for them.
#define GROUP(S) \
	VPSRLD  $15, Y13, Y15; \
	VPXOR   Y13, Y15, Y15; \
	VPMULLD Y8, Y15, Y15;  \
	VPSRLD  $12, Y15, Y11; \
	VPXOR   Y11, Y15, Y15; \
	VPMINUD Y15, S, S;     \
	VPADDD  Y14, Y13, Y13

// func minhashAVX2(sig *[64]uint32, xs []uint64)
TEXT ·minhashAVX2(SB), NOSPLIT, $0-32
	MOVQ sig+0(FP), DI
	MOVQ xs_base+8(FP), SI
	MOVQ xs_len+16(FP), CX
	VMOVDQU 0(DI), Y0
	VMOVDQU 32(DI), Y1
	VMOVDQU 64(DI), Y2
	VMOVDQU 96(DI), Y3
	VMOVDQU 128(DI), Y4
	VMOVDQU 160(DI), Y5
	VMOVDQU 192(DI), Y6
	VMOVDQU 224(DI), Y7
	VPBROADCASTD minhashMul<>(SB), Y8
	VMOVDQU minhashLanes<>(SB), Y9

loop:
	TESTQ CX, CX
	JZ    done
	MOVQ  0(SI), AX
	VMOVQ AX, X11
	VPBROADCASTD X11, Y11 // a
	SHRQ  $32, AX
	VMOVQ AX, X12
	VPBROADCASTD X12, Y12 // b
	VPMULLD Y9, Y12, Y13  // k*b for k = 0..7
	VPADDD  Y11, Y13, Y13 // a + k*b
	VPSLLD  $3, Y12, Y14  // 8*b
	GROUP(Y0)
	GROUP(Y1)
	GROUP(Y2)
	GROUP(Y3)
	GROUP(Y4)
	GROUP(Y5)
	GROUP(Y6)
	GROUP(Y7)
	ADDQ $8, SI
	DECQ CX
	JMP  loop

done:
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y1, 32(DI)
	VMOVDQU Y2, 64(DI)
	VMOVDQU Y3, 96(DI)
	VMOVDQU Y4, 128(DI)
	VMOVDQU Y5, 160(DI)
	VMOVDQU Y6, 192(DI)
	VMOVDQU Y7, 224(DI)
	VZEROUPPER
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET
