;; C = A B on packed panels, in f64x2 SIMD with a 4x4 register block.
;;
;; Layout (byte offsets, all 16-byte aligned), prepared by kernels/ops/gemm-wasm.ts:
;;   ap: A packed in panels of 4 rows: panel ib holds A(4ib+r, k) at ((ib*K + k)*4 + r) * 8
;;   bp: B packed in panels of 4 columns: panel jb holds B(k, 4jb+c) at ((jb*K + k)*4 + c) * 8
;;   c:  C row-major, ldc bytes per row (the caller may pass a column range of a wider C)
;; Each C element is 0 + a0*b0 + a1*b1 + ... in k order with separate multiply and add (no fused
;; multiply-add), exactly the order of the plain kernels, so all backends agree to the last bit.
;; The memory is imported and shared, so worker threads (kernels/ops/gemm-threads.ts) can run the
;; same code on other panels of the same operands: each C element is still computed by one
;; thread, in the same order, so the result does not depend on the thread count.
;; Rebuild the committed bytes with `npx tsx kernels/wasm/build.ts` after editing this file.
(module
  (import "env" "memory" (memory 1 16384 shared))
  ;; C for panel rows ib in [0, mb) and panel columns jb in [0, nb), sweeping the column panels in
  ;; chunks of `chunk`: one A panel stays in L1 while a chunk of B panels (sized by the caller to
  ;; fit L2) is reused by every A panel. $araw = 1: A is not packed but plain row-major (K values
  ;; per row, rows padded to a multiple of 4), which spares the caller packing a tall A with few
  ;; columns of B (chapter 10's 80000x9 by 9x16); the arithmetic is the same.
  (func (export "gemm_chunked")
    (param $ap i32) (param $bp i32) (param $c i32) (param $mb i32) (param $nb i32) (param $K i32) (param $ldc i32)
    (param $chunk i32) (param $araw i32)
    (local $jb0 i32) (local $count i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $jb0) (local.get $nb)))
        (local.set $count (i32.sub (local.get $nb) (local.get $jb0)))
        (if (i32.lt_u (local.get $chunk) (local.get $count)) (then (local.set $count (local.get $chunk))))
        (if (local.get $araw)
          (then
            (call $gemm_arows
              (local.get $ap)
              (i32.add (local.get $bp) (i32.mul (local.get $jb0) (i32.shl (local.get $K) (i32.const 5))))
              (i32.add (local.get $c) (i32.shl (local.get $jb0) (i32.const 5)))
              (local.get $mb) (local.get $count) (local.get $K) (local.get $ldc)))
          (else
            (call $gemm
              (local.get $ap)
              (i32.add (local.get $bp) (i32.mul (local.get $jb0) (i32.shl (local.get $K) (i32.const 5))))
              (i32.add (local.get $c) (i32.shl (local.get $jb0) (i32.const 5)))
              (local.get $mb) (local.get $count) (local.get $K) (local.get $ldc))))
        (local.set $jb0 (i32.add (local.get $jb0) (local.get $chunk)))
        (br $next))))
  (func $gemm (export "gemm")
    (param $ap i32) (param $bp i32) (param $c i32) (param $mb i32) (param $nb i32) (param $K i32) (param $ldc i32)
    (local $ib i32) (local $jb i32) (local $k i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $panelBytes i32) (local $rowBytes i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local.set $panelBytes (i32.shl (local.get $K) (i32.const 5)))
    (local.set $rowBytes (local.get $ldc))
    (local.set $ib (i32.const 0))
    (block $doneI
      (loop $loopI
        (br_if $doneI (i32.ge_u (local.get $ib) (local.get $mb)))
        (local.set $jb (i32.const 0))
        (block $doneJ
          (loop $loopJ
            (br_if $doneJ (i32.ge_u (local.get $jb) (local.get $nb)))
        (local.set $c00 (v128.const f64x2 0 0))
        (local.set $c01 (v128.const f64x2 0 0))
        (local.set $c10 (v128.const f64x2 0 0))
        (local.set $c11 (v128.const f64x2 0 0))
        (local.set $c20 (v128.const f64x2 0 0))
        (local.set $c21 (v128.const f64x2 0 0))
        (local.set $c30 (v128.const f64x2 0 0))
        (local.set $c31 (v128.const f64x2 0 0))
        (local.set $pa (i32.add (local.get $ap) (i32.mul (local.get $ib) (local.get $panelBytes))))
        (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $jb) (local.get $panelBytes))))
        (local.set $k (local.get $K))
        (block $doneK
          (loop $loopK
          (br_if $doneK (i32.eqz (local.get $k)))
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $a (v128.load64_splat (local.get $pa)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $loopK)))
        (local.set $pc
          (i32.add (local.get $c)
            (i32.add (i32.mul (local.get $ib) (i32.shl (local.get $rowBytes) (i32.const 2)))
                     (i32.shl (local.get $jb) (i32.const 5)))))
        (v128.store (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowBytes)))
        (v128.store (local.get $pc) (local.get $c10))
        (v128.store offset=16 (local.get $pc) (local.get $c11))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowBytes)))
        (v128.store (local.get $pc) (local.get $c20))
        (v128.store offset=16 (local.get $pc) (local.get $c21))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowBytes)))
        (v128.store (local.get $pc) (local.get $c30))
        (v128.store offset=16 (local.get $pc) (local.get $c31))
            (local.set $jb (i32.add (local.get $jb) (i32.const 1)))
            (br $loopJ)))
        (local.set $ib (i32.add (local.get $ib) (i32.const 1)))
        (br $loopI))))
  ;; The same kernel with A plain row-major: row r of a 4-row block is K*8 bytes after row r-1,
  ;; and k steps by 8 bytes (a 4-row block is still K*32 bytes, like a packed panel).
  (func $gemm_arows
    (param $ap i32) (param $bp i32) (param $c i32) (param $mb i32) (param $nb i32) (param $K i32) (param $ldc i32)
    (local $ib i32) (local $jb i32) (local $k i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $panelBytes i32) (local $rowBytes i32) (local $lda i32) (local $lda2 i32) (local $lda3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local.set $panelBytes (i32.shl (local.get $K) (i32.const 5)))
    (local.set $rowBytes (local.get $ldc))
    (local.set $lda (i32.shl (local.get $K) (i32.const 3)))
    (local.set $lda2 (i32.shl (local.get $K) (i32.const 4)))
    (local.set $lda3 (i32.mul (local.get $K) (i32.const 24)))
    (local.set $ib (i32.const 0))
    (block $doneI
      (loop $loopI
        (br_if $doneI (i32.ge_u (local.get $ib) (local.get $mb)))
        (local.set $jb (i32.const 0))
        (block $doneJ
          (loop $loopJ
            (br_if $doneJ (i32.ge_u (local.get $jb) (local.get $nb)))
        (local.set $c00 (v128.const f64x2 0 0))
        (local.set $c01 (v128.const f64x2 0 0))
        (local.set $c10 (v128.const f64x2 0 0))
        (local.set $c11 (v128.const f64x2 0 0))
        (local.set $c20 (v128.const f64x2 0 0))
        (local.set $c21 (v128.const f64x2 0 0))
        (local.set $c30 (v128.const f64x2 0 0))
        (local.set $c31 (v128.const f64x2 0 0))
        (local.set $pa (i32.add (local.get $ap) (i32.mul (local.get $ib) (local.get $panelBytes))))
        (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $jb) (local.get $panelBytes))))
        (local.set $k (local.get $K))
        (block $doneK
          (loop $loopK
          (br_if $doneK (i32.eqz (local.get $k)))
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $a (v128.load64_splat (local.get $pa)))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat (i32.add (local.get $pa) (local.get $lda))))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat (i32.add (local.get $pa) (local.get $lda2))))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load64_splat (i32.add (local.get $pa) (local.get $lda3))))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $loopK)))
        (local.set $pc
          (i32.add (local.get $c)
            (i32.add (i32.mul (local.get $ib) (i32.shl (local.get $rowBytes) (i32.const 2)))
                     (i32.shl (local.get $jb) (i32.const 5)))))
        (v128.store (local.get $pc) (local.get $c00))
        (v128.store offset=16 (local.get $pc) (local.get $c01))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowBytes)))
        (v128.store (local.get $pc) (local.get $c10))
        (v128.store offset=16 (local.get $pc) (local.get $c11))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowBytes)))
        (v128.store (local.get $pc) (local.get $c20))
        (v128.store offset=16 (local.get $pc) (local.get $c21))
        (local.set $pc (i32.add (local.get $pc) (local.get $rowBytes)))
        (v128.store (local.get $pc) (local.get $c30))
        (v128.store offset=16 (local.get $pc) (local.get $c31))
            (local.set $jb (i32.add (local.get $jb) (i32.const 1)))
            (br $loopJ)))
        (local.set $ib (i32.add (local.get $ib) (i32.const 1)))
        (br $loopI)))))
