/*
 * rvc: every RV64C instruction written explicitly as a c.* mnemonic (so
 * the assembler cannot pick the 32-bit form), with the edge immediates of
 * each format, printing every register it produced.
 *
 * c.ebreak is left to trap_ebreak_c.  Stack-relative results are printed
 * as offsets from sp, never as addresses.
 *
 * PUT name, reg prints "name value" and preserves every register.
 */
	.option rvc

	.macro PUT name:req, reg:req
	addi	sp, sp, -32
	sd	a0, 0(sp)
	sd	a1, 8(sp)
	sd	ra, 16(sp)
	mv	a1, \reg
	.pushsection .rodata.rvcnames, "a"
.Lname\@:
	.asciz	"\name"
	.popsection
	lla	a0, .Lname\@
	call	put_value
	ld	ra, 16(sp)
	ld	a1, 8(sp)
	ld	a0, 0(sp)
	addi	sp, sp, 32
	.endm

	/* PUTF name, freg: the raw 64 bits of an f register. */
	.macro PUTF name:req, freg:req
	addi	sp, sp, -16
	sd	t0, 0(sp)
	fmv.x.d	t0, \freg
	PUT	"\name", t0
	ld	t0, 0(sp)
	addi	sp, sp, 16
	.endm

	.data
	.balign	16
buf:	/* 512 bytes: eight 64-byte rows of a pattern with sign bits set */
	.rept	8
	.quad	0x0123456789abcdef, 0xfedcba9876543210, 0x80000000ffffffff
	.quad	0x7fffffff00000001, 0xdeadbeefcafef00d, 0x8000000000000000
	.quad	0x00000000fffffffe, 0x3ff0000000000000
	.endr

	.section .rodata
fmt:	.asciz	"%-34s %016lx\n"

	.text
/* put_value(a0 = name, a1 = value): printf, saving all caller-saved regs. */
	.balign	4
put_value:
	addi	sp, sp, -288
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	a2, 32(sp)
	sd	a3, 40(sp)
	sd	a4, 48(sp)
	sd	a5, 56(sp)
	sd	a6, 64(sp)
	sd	a7, 72(sp)
	sd	t3, 80(sp)
	sd	t4, 88(sp)
	sd	t5, 96(sp)
	sd	t6, 104(sp)
	fsd	ft0, 112(sp)
	fsd	ft1, 120(sp)
	fsd	ft2, 128(sp)
	fsd	ft3, 136(sp)
	fsd	ft4, 144(sp)
	fsd	ft5, 152(sp)
	fsd	ft6, 160(sp)
	fsd	ft7, 168(sp)
	fsd	fa0, 176(sp)
	fsd	fa1, 184(sp)
	fsd	fa2, 192(sp)
	fsd	fa3, 200(sp)
	fsd	fa4, 208(sp)
	fsd	fa5, 216(sp)
	fsd	fa6, 224(sp)
	fsd	fa7, 232(sp)
	fsd	ft8, 240(sp)
	fsd	ft9, 248(sp)
	fsd	ft10, 256(sp)
	fsd	ft11, 264(sp)
	mv	a2, a1
	mv	a1, a0
	lla	a0, fmt
	call	printf
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	a2, 32(sp)
	ld	a3, 40(sp)
	ld	a4, 48(sp)
	ld	a5, 56(sp)
	ld	a6, 64(sp)
	ld	a7, 72(sp)
	ld	t3, 80(sp)
	ld	t4, 88(sp)
	ld	t5, 96(sp)
	ld	t6, 104(sp)
	fld	ft0, 112(sp)
	fld	ft1, 120(sp)
	fld	ft2, 128(sp)
	fld	ft3, 136(sp)
	fld	ft4, 144(sp)
	fld	ft5, 152(sp)
	fld	ft6, 160(sp)
	fld	ft7, 168(sp)
	fld	fa0, 176(sp)
	fld	fa1, 184(sp)
	fld	fa2, 192(sp)
	fld	fa3, 200(sp)
	fld	fa4, 208(sp)
	fld	fa5, 216(sp)
	fld	fa6, 224(sp)
	fld	fa7, 232(sp)
	fld	ft8, 240(sp)
	fld	ft9, 248(sp)
	fld	ft10, 256(sp)
	fld	ft11, 264(sp)
	addi	sp, sp, 288
	ret

	.globl	main
	.balign	4
main:
	/* Keep every callee-saved register for our caller. */
	addi	sp, sp, -208
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	fsd	fs0, 104(sp)
	fsd	fs1, 112(sp)
	fsd	fs2, 120(sp)
	fsd	fs3, 128(sp)
	fsd	fs4, 136(sp)
	fsd	fs5, 144(sp)
	fsd	fs6, 152(sp)
	fsd	fs7, 160(sp)
	fsd	fs8, 168(sp)
	fsd	fs9, 176(sp)
	fsd	fs10, 184(sp)
	fsd	fs11, 192(sp)

/* ---- CI format: c.li, c.addi, c.addiw, c.lui, c.slli, c.nop ---- */
	c.li	a0, -32
	PUT	"c.li a0,-32", a0
	c.li	t6, 31
	PUT	"c.li t6,31", t6
	c.li	ra, 0
	PUT	"c.li ra,0", ra
	li	s11, 0x7fffffffffffffff
	c.addi	s11, 1
	PUT	"c.addi s11(INT64_MAX),1", s11
	li	t0, 0
	c.addi	t0, -32
	PUT	"c.addi t0(0),-32", t0
	li	a5, 100
	c.addi	a5, 31
	PUT	"c.addi a5(100),31", a5
	li	t1, -1
	c.addi	t1, -1
	PUT	"c.addi t1(-1),-1", t1
	li	a0, 0x7fffffff
	c.addiw	a0, 1
	PUT	"c.addiw a0(0x7fffffff),1", a0
	li	a1, 0x123456789abcdef0
	c.addiw	a1, 0
	PUT	"c.addiw a1,0 (sext.w)", a1
	li	t2, 0xffffffff00000000
	c.addiw	t2, -32
	PUT	"c.addiw t2(0xffffffff00000000),-32", t2
	li	s2, 0x80000000
	c.addiw	s2, 31
	PUT	"c.addiw s2(0x80000000),31", s2
	c.lui	a0, 1
	PUT	"c.lui a0,1", a0
	c.lui	t5, 31
	PUT	"c.lui t5,31", t5
	c.lui	s3, 0xfffe0
	PUT	"c.lui s3,0xfffe0", s3
	c.lui	ra, 0xfffff
	PUT	"c.lui ra,0xfffff", ra
	li	a2, 0x8000000000000001
	c.slli	a2, 1
	PUT	"c.slli a2,1", a2
	li	a2, 0x00000000ffffffff
	c.slli	a2, 31
	PUT	"c.slli a2,31", a2
	li	t4, 0x00000000ffffffff
	c.slli	t4, 32
	PUT	"c.slli t4,32", t4
	li	s10, 3
	c.slli	s10, 63
	PUT	"c.slli s10,63", s10
	li	a3, 42
	c.nop
	PUT	"c.nop leaves a3", a3

/* ---- CB format ALU: c.srli, c.srai, c.andi (rd' = x8..x15) ---- */
	li	s0, 0x8000000000000001
	c.srli	s0, 1
	PUT	"c.srli s0,1", s0
	li	s1, 0xfedcba9876543210
	c.srli	s1, 31
	PUT	"c.srli s1,31", s1
	li	a4, 0xfedcba9876543210
	c.srli	a4, 32
	PUT	"c.srli a4,32", a4
	li	a5, 0x8000000000000000
	c.srli	a5, 63
	PUT	"c.srli a5,63", a5
	li	s0, 0x8000000000000001
	c.srai	s0, 1
	PUT	"c.srai s0,1", s0
	li	a0, 0xfedcba9876543210
	c.srai	a0, 31
	PUT	"c.srai a0,31", a0
	li	a1, 0x80000000ffffffff
	c.srai	a1, 32
	PUT	"c.srai a1,32", a1
	li	a2, 0x8000000000000000
	c.srai	a2, 63
	PUT	"c.srai a2,63", a2
	li	a3, 0x7fffffffffffffff
	c.srai	a3, 63
	PUT	"c.srai a3(INT64_MAX),63", a3
	li	a3, 0xfedcba9876543210
	c.andi	a3, -32
	PUT	"c.andi a3,-32", a3
	li	a4, 0xfedcba987654321f
	c.andi	a4, 31
	PUT	"c.andi a4,31", a4
	li	s1, -1
	c.andi	s1, 0
	PUT	"c.andi s1,0", s1
	li	a5, 0x8000000000000005
	c.andi	a5, -1
	PUT	"c.andi a5,-1", a5

/* ---- CA format: c.sub c.xor c.or c.and c.subw c.addw ---- */
	li	s0, 0
	li	s1, 0x8000000000000000
	c.sub	s0, s1
	PUT	"c.sub 0-INT64_MIN", s0
	li	a0, 5
	li	a1, 7
	c.sub	a0, a1
	PUT	"c.sub 5-7", a0
	li	a2, 0xff00ff00ff00ff00
	li	a3, 0x0ff00ff00ff00ff0
	c.xor	a2, a3
	PUT	"c.xor", a2
	li	a4, 0xff00ff00ff00ff00
	c.or	a4, a3
	PUT	"c.or", a4
	li	a5, 0xff00ff00ff00ff00
	c.and	a5, a3
	PUT	"c.and", a5
	li	a0, 0x80000000
	li	a1, 1
	c.subw	a0, a1
	PUT	"c.subw 0x80000000-1", a0
	li	a0, 0x100000000
	li	a1, 1
	c.subw	a0, a1
	PUT	"c.subw 0x100000000-1", a0
	li	s0, 0x7fffffff
	li	s1, 1
	c.addw	s0, s1
	PUT	"c.addw 0x7fffffff+1", s0
	li	a2, 0xffffffff00000005
	li	a3, 0x00000001fffffffe
	c.addw	a2, a3
	PUT	"c.addw upper garbage", a2
	li	a4, 3
	c.xor	a4, a4
	PUT	"c.xor a4,a4", a4

/* ---- CR format: c.mv c.add ---- */
	li	t6, 0xdeadbeefcafef00d
	c.mv	s11, t6
	PUT	"c.mv s11,t6", s11
	c.mv	ra, t6
	PUT	"c.mv ra,t6", ra
	li	t3, 0x7fffffffffffffff
	li	t4, 1
	c.add	t3, t4
	PUT	"c.add INT64_MAX+1", t3
	li	s5, -1
	c.add	s5, s5
	PUT	"c.add s5,s5 (-1)", s5
	li	a0, 0xffffffff
	c.add	a0, a0
	PUT	"c.add a0,a0 (0xffffffff)", a0

/* ---- CL/CS: c.lw c.ld c.fld c.sw c.sd c.fsd (base rs1' = x8..x15) ---- */
	lla	s1, buf
	c.lw	a0, 0(s1)
	PUT	"c.lw 0", a0
	c.lw	a1, 4(s1)
	PUT	"c.lw 4", a1
	c.lw	a2, 20(s1)
	PUT	"c.lw 20 (0x80000000)", a2
	c.lw	a3, 124(s1)
	PUT	"c.lw 124", a3
	c.ld	a4, 0(s1)
	PUT	"c.ld 0", a4
	c.ld	a5, 248(s1)
	PUT	"c.ld 248", a5
	c.ld	s0, 40(s1)
	PUT	"c.ld 40", s0
	c.fld	fa0, 0(s1)
	PUTF	"c.fld 0", fa0
	c.fld	fs1, 248(s1)
	PUTF	"c.fld 248", fs1
	lla	a5, buf
	addi	a5, a5, 256
	li	a0, 0x1122334455667788
	c.sw	a0, 0(a5)
	c.sw	a0, 124(a5)
	li	a1, 0x99aabbccddeeff00
	c.sd	a1, 8(a5)
	c.sd	a1, 248(a5)
	li	a2, 0x7ff0000000000001
	fmv.d.x	fa5, a2
	c.fsd	fa5, 16(a5)
	c.fsd	fa5, 240(a5)
	ld	t0, 0(a5)
	PUT	"after c.sw 0", t0
	ld	t0, 120(a5)
	PUT	"after c.sw 124", t0
	ld	t0, 8(a5)
	PUT	"after c.sd 8", t0
	ld	t0, 248(a5)
	PUT	"after c.sd 248", t0
	ld	t0, 16(a5)
	PUT	"after c.fsd 16", t0
	ld	t0, 240(a5)
	PUT	"after c.fsd 240", t0
	/* a load whose destination is its base */
	lla	s0, buf
	c.ld	s0, 8(s0)
	PUT	"c.ld s0,8(s0)", s0

/* ---- CIW/CI/CSS on sp: c.addi4spn c.addi16sp c.*sp loads and stores ---- */
	mv	t0, sp
	c.addi4spn a0, sp, 4
	sub	a0, a0, t0
	PUT	"c.addi4spn 4 (minus sp)", a0
	c.addi4spn s1, sp, 1020
	sub	s1, s1, t0
	PUT	"c.addi4spn 1020 (minus sp)", s1
	c.addi16sp sp, -512
	sub	t1, sp, t0
	PUT	"c.addi16sp -512 (minus old sp)", t1
	c.addi16sp sp, 496
	sub	t1, sp, t0
	PUT	"c.addi16sp then +496", t1
	c.addi16sp sp, 16
	sub	t1, sp, t0
	PUT	"c.addi16sp then +16", t1
	c.addi16sp sp, -16
	c.addi16sp sp, 16
	sub	t1, sp, t0
	PUT	"c.addi16sp -16 +16", t1
	/* A 512-byte frame for the sp-relative loads and stores. */
	c.addi16sp sp, -512
	li	a0, 0x0123456789abcdef
	li	a1, 0x80000000fffffffe
	li	a2, 0xfff0000000000001
	fmv.d.x	fa2, a2
	c.sdsp	a0, 0(sp)
	c.sdsp	a1, 504(sp)
	c.sdsp	a1, 8(sp)
	c.swsp	a0, 16(sp)
	c.swsp	a1, 252(sp)
	c.swsp	a1, 20(sp)
	c.fsdsp	fa2, 24(sp)
	c.fsdsp	fa2, 496(sp)
	c.ldsp	t0, 0(sp)
	PUT	"c.ldsp 0", t0
	c.ldsp	t1, 504(sp)
	PUT	"c.ldsp 504", t1
	c.ldsp	ra, 8(sp)
	PUT	"c.ldsp ra,8", ra
	c.lwsp	t2, 16(sp)
	PUT	"c.lwsp 16", t2
	c.lwsp	t3, 252(sp)
	PUT	"c.lwsp 252", t3
	c.lwsp	s11, 20(sp)
	PUT	"c.lwsp 20", s11
	c.ldsp	t4, 16(sp)
	PUT	"c.ldsp 16 (two c.swsp)", t4
	c.fldsp	ft11, 24(sp)
	PUTF	"c.fldsp 24", ft11
	c.fldsp	fs0, 496(sp)
	PUTF	"c.fldsp 496", fs0
	c.ldsp	t5, 24(sp)
	PUT	"c.ldsp 24 (c.fsdsp)", t5
	c.addi16sp sp, 496
	c.addi16sp sp, 16

/* ---- Control transfer: c.j c.beqz c.bnez c.jr c.jalr ---- */
	li	t0, 0
	c.j	1f
	li	t0, 99
1:	PUT	"c.j forward skips", t0
	li	t0, 3
	li	t1, 0
2:	addi	t1, t1, 10
	addi	t0, t0, -1
	beqz	t0, 3f
	c.j	2b
3:	PUT	"c.j backward loop", t1
	li	a0, 0
	li	a1, 1
	c.beqz	a0, 1f
	li	a1, 0
1:	PUT	"c.beqz 0 taken", a1
	li	s0, 0x8000000000000000
	li	a1, 1
	c.beqz	s0, 1f
	li	a1, 0
1:	PUT	"c.beqz INT64_MIN taken", a1
	li	a2, 0x100000000
	li	a1, 1
	c.bnez	a2, 1f
	li	a1, 0
1:	PUT	"c.bnez 2^32 taken", a1
	li	a3, 0
	li	a1, 1
	c.bnez	a3, 1f
	li	a1, 0
1:	PUT	"c.bnez 0 taken", a1
	li	a4, 5
	li	a5, 0
4:	addi	a5, a5, 7
	addi	a4, a4, -1
	c.bnez	a4, 4b
	PUT	"c.bnez backward loop", a5
	lla	t2, 1f
	li	a1, 0
	c.jr	t2
	li	a1, 99
1:	PUT	"c.jr skips", a1
	lla	t1, 1f
	li	a1, 0
	c.jalr	t1
2:	li	a1, 99
1:	lla	t2, 2b
	sub	t2, ra, t2
	PUT	"c.jalr link minus return label", t2
	PUT	"c.jalr skips", a1
	/* c.jalr ra: the target is the old ra, the link the new one */
	lla	ra, 1f
	li	a1, 0
	c.jalr	ra
2:	li	a1, 99
1:	lla	t2, 2b
	sub	t2, ra, t2
	PUT	"c.jalr ra link minus return label", t2
	PUT	"c.jalr ra skips", a1
	/* A real call and return through compressed instructions. */
	lla	t0, triple
	li	a0, 14
	c.jalr	t0
	PUT	"c.jalr call, c.jr ra return", a0

	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	fld	fs0, 104(sp)
	fld	fs1, 112(sp)
	fld	fs2, 120(sp)
	fld	fs3, 128(sp)
	fld	fs4, 136(sp)
	fld	fs5, 144(sp)
	fld	fs6, 152(sp)
	fld	fs7, 160(sp)
	fld	fs8, 168(sp)
	fld	fs9, 176(sp)
	fld	fs10, 184(sp)
	fld	fs11, 192(sp)
	addi	sp, sp, 208
	li	a0, 0
	ret

triple:
	c.mv	t0, a0
	c.add	a0, a0
	c.add	a0, t0
	c.jr	ra
