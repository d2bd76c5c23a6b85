;; WebAssembly SIMD (f64x2) twins of the hot statevector kernels in ../kernels/*.ts.
;;
;; The state lives in the imported memory as two float64 arrays (real parts, imaginary parts);
;; every pointer argument is a BYTE offset into that memory, every count is in elements.
;; Each kernel evaluates the same expressions in the same order as its TypeScript twin (wasm
;; has no implicit fused multiply-add), so both give bit-identical results.
;; Two lanes = two consecutive amplitudes: callers guarantee even lengths (tables of at least
;; 2 entries, target bits of at least 2 elements where noted).
;;
;; Build: node scripts/build-wasm.js wraps the functions of tables.wat, then pairs.wat, in
;; (module (memory (import "env" "memory") 1 65536 shared) …) and writes kernels-wasm.ts (the binary,
;; base64). The memory is shared so that worker threads can run chunks of one pass.
;;
;; This file: table-driven passes (product state, diagonal, gather) and the diagonal 2×2
;; (diag1, twin of ../kernels/apply-diagonal.ts). pairs.wat: the other 2×2 passes.

  ;; writeProductState: re/im[iH·2^L + iL] = TL[iL] · TH[iH] (write only). L ≥ 1.
  (func (export "product")
    (param $re i32) (param $im i32) (param $tlr i32) (param $tli i32)
    (param $thr i32) (param $thi i32) (param $L i32) (param $sizeH i32)
    (local $iH i32) (local $o i32) (local $j i32) (local $bytesL i32)
    (local $hr v128) (local $hi v128) (local $ar v128) (local $ai v128)
    (local.set $bytesL (i32.shl (i32.const 8) (local.get $L)))
    (loop $outer
      (local.set $hr (v128.load64_splat (i32.add (local.get $thr) (i32.shl (local.get $iH) (i32.const 3)))))
      (local.set $hi (v128.load64_splat (i32.add (local.get $thi) (i32.shl (local.get $iH) (i32.const 3)))))
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $ar (v128.load (i32.add (local.get $tlr) (local.get $j))))
        (local.set $ai (v128.load (i32.add (local.get $tli) (local.get $j))))
        (v128.store (i32.add (local.get $re) (local.get $o))
          (f64x2.sub (f64x2.mul (local.get $ar) (local.get $hr)) (f64x2.mul (local.get $ai) (local.get $hi))))
        (v128.store (i32.add (local.get $im) (local.get $o))
          (f64x2.add (f64x2.mul (local.get $ar) (local.get $hi)) (f64x2.mul (local.get $ai) (local.get $hr))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $bytesL))))
      (local.set $iH (i32.add (local.get $iH) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $iH) (local.get $sizeH)))))

;; t[j + 2^k] = t[j] · R_k for k < bits (t[0] preset; R_k at rr/ri + 8k): the table of
  ;; t[0] · Π_k R_k^(bit k of j), j < 2^bits. k = 0 scalar, then two entries at a time.
  (func $double (param $tr i32) (param $ti i32) (param $rr i32) (param $ri i32) (param $bits i32)
    (local $k i32) (local $j i32) (local $half i32) (local $fr f64) (local $fi f64) (local $sr f64) (local $si f64)
    (local $br v128) (local $bi v128) (local $xr v128) (local $xi v128)
    (if (i32.eqz (local.get $bits)) (then (return)))
    (local.set $sr (f64.load (local.get $tr)))
    (local.set $si (f64.load (local.get $ti)))
    (local.set $fr (f64.load (local.get $rr)))
    (local.set $fi (f64.load (local.get $ri)))
    (f64.store offset=8 (local.get $tr) (f64.sub (f64.mul (local.get $sr) (local.get $fr)) (f64.mul (local.get $si) (local.get $fi))))
    (f64.store offset=8 (local.get $ti) (f64.add (f64.mul (local.get $sr) (local.get $fi)) (f64.mul (local.get $si) (local.get $fr))))
    (local.set $k (i32.const 1))
    (block $done
      (loop $dbl
        (br_if $done (i32.ge_u (local.get $k) (local.get $bits)))
        (local.set $br (v128.load64_splat (i32.add (local.get $rr) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $bi (v128.load64_splat (i32.add (local.get $ri) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $half (i32.shl (i32.const 8) (local.get $k)))
        (local.set $j (i32.const 0))
        (loop $dj
          (local.set $xr (v128.load (i32.add (local.get $tr) (local.get $j))))
          (local.set $xi (v128.load (i32.add (local.get $ti) (local.get $j))))
          (v128.store (i32.add (local.get $tr) (i32.add (local.get $j) (local.get $half)))
            (f64x2.sub (f64x2.mul (local.get $xr) (local.get $br)) (f64x2.mul (local.get $xi) (local.get $bi))))
          (v128.store (i32.add (local.get $ti) (i32.add (local.get $j) (local.get $half)))
            (f64x2.add (f64x2.mul (local.get $xr) (local.get $bi)) (f64x2.mul (local.get $xi) (local.get $br))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $dj (i32.lt_u (local.get $j) (local.get $half))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $dbl))))

  ;; applyPhaseTables: x[iH·2^L + iL] ·= TL[iL] · t_iH[iL], where without cross terms t_iH is the
  ;; constant TH[iH], and with them t_iH[iL] = TH[iH] · Π_k R[iH·L + k]^(bit k of iL) = C[u] · D[v]
  ;; for iL = v·2^Lu + u (Lu = min(L, 6)), C and D built by doubling in the scratch (tr, ti) (at
  ;; least 128 entries): all in L1, no 2^L-entry table per block. L ≥ 1.
  (func (export "phases")
    (param $re i32) (param $im i32) (param $L i32) (param $sizeH i32)
    (param $tlr i32) (param $tli i32) (param $thr i32) (param $thi i32)
    (param $rr i32) (param $ri i32) (param $tr i32) (param $ti i32) (param $cross i32)
    (local $iH i32) (local $o i32) (local $j i32) (local $k i32) (local $half i32) (local $bytesL i32) (local $rk i32)
    (local $hr v128) (local $hi v128) (local $ar v128) (local $ai v128) (local $br v128) (local $bi v128)
    (local $pr v128) (local $pi v128) (local $xr v128) (local $xi v128)
    (local $er v128) (local $ei v128) (local $Lu i32) (local $u i32) (local $v i32) (local $bytesU i32)
    (local.set $bytesL (i32.shl (i32.const 8) (local.get $L)))
    (local.set $Lu (select (local.get $L) (i32.const 6) (i32.lt_u (local.get $L) (i32.const 6))))
    (local.set $bytesU (i32.shl (i32.const 8) (local.get $Lu)))
    (loop $outer
      (if (i32.eqz (local.get $cross))
        (then
          ;; TL times the constant TH[iH]
          (local.set $hr (v128.load64_splat (i32.add (local.get $thr) (i32.shl (local.get $iH) (i32.const 3)))))
          (local.set $hi (v128.load64_splat (i32.add (local.get $thi) (i32.shl (local.get $iH) (i32.const 3)))))
          (local.set $j (i32.const 0))
          (loop $inner
            (local.set $ar (v128.load (i32.add (local.get $tlr) (local.get $j))))
            (local.set $ai (v128.load (i32.add (local.get $tli) (local.get $j))))
            (local.set $pr (f64x2.sub (f64x2.mul (local.get $ar) (local.get $hr)) (f64x2.mul (local.get $ai) (local.get $hi))))
            (local.set $pi (f64x2.add (f64x2.mul (local.get $ar) (local.get $hi)) (f64x2.mul (local.get $ai) (local.get $hr))))
            (local.set $xr (v128.load (i32.add (local.get $re) (local.get $o))))
            (local.set $xi (v128.load (i32.add (local.get $im) (local.get $o))))
            (v128.store (i32.add (local.get $re) (local.get $o))
              (f64x2.sub (f64x2.mul (local.get $pr) (local.get $xr)) (f64x2.mul (local.get $pi) (local.get $xi))))
            (v128.store (i32.add (local.get $im) (local.get $o))
              (f64x2.add (f64x2.mul (local.get $pr) (local.get $xi)) (f64x2.mul (local.get $pi) (local.get $xr))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br_if $inner (i32.lt_u (local.get $j) (local.get $bytesL)))))
        (else
          ;; C (tr, ti) over the low Lu bits of iL, from TH[iH]; D (tr, ti + 512 bytes) over the
          ;; other Lv bits, from 1; then x ·= TL[iL] · (C[u] · D[v]) with iL = v·2^Lu + u
          (local.set $rk (i32.shl (i32.mul (local.get $iH) (local.get $L)) (i32.const 3)))
          (f64.store (local.get $tr) (f64.load (i32.add (local.get $thr) (i32.shl (local.get $iH) (i32.const 3)))))
          (f64.store (local.get $ti) (f64.load (i32.add (local.get $thi) (i32.shl (local.get $iH) (i32.const 3)))))
          (call $double (local.get $tr) (local.get $ti) (i32.add (local.get $rr) (local.get $rk)) (i32.add (local.get $ri) (local.get $rk)) (local.get $Lu))
          (f64.store offset=512 (local.get $tr) (f64.const 1))
          (f64.store offset=512 (local.get $ti) (f64.const 0))
          (local.set $rk (i32.add (local.get $rk) (i32.shl (local.get $Lu) (i32.const 3))))
          (call $double (i32.add (local.get $tr) (i32.const 512)) (i32.add (local.get $ti) (i32.const 512))
            (i32.add (local.get $rr) (local.get $rk)) (i32.add (local.get $ri) (local.get $rk)) (i32.sub (local.get $L) (local.get $Lu)))
          (local.set $v (i32.const 0))
          (local.set $j (i32.const 0))
          (loop $lv
            (local.set $hr (v128.load64_splat offset=512 (i32.add (local.get $tr) (local.get $v))))
            (local.set $hi (v128.load64_splat offset=512 (i32.add (local.get $ti) (local.get $v))))
            (local.set $u (i32.const 0))
            (loop $lu
              (local.set $br (v128.load (i32.add (local.get $tr) (local.get $u))))
              (local.set $bi (v128.load (i32.add (local.get $ti) (local.get $u))))
              (local.set $er (f64x2.sub (f64x2.mul (local.get $br) (local.get $hr)) (f64x2.mul (local.get $bi) (local.get $hi))))
              (local.set $ei (f64x2.add (f64x2.mul (local.get $br) (local.get $hi)) (f64x2.mul (local.get $bi) (local.get $hr))))
              (local.set $ar (v128.load (i32.add (local.get $tlr) (local.get $j))))
              (local.set $ai (v128.load (i32.add (local.get $tli) (local.get $j))))
              (local.set $pr (f64x2.sub (f64x2.mul (local.get $ar) (local.get $er)) (f64x2.mul (local.get $ai) (local.get $ei))))
              (local.set $pi (f64x2.add (f64x2.mul (local.get $ar) (local.get $ei)) (f64x2.mul (local.get $ai) (local.get $er))))
              (local.set $xr (v128.load (i32.add (local.get $re) (local.get $o))))
              (local.set $xi (v128.load (i32.add (local.get $im) (local.get $o))))
              (v128.store (i32.add (local.get $re) (local.get $o))
                (f64x2.sub (f64x2.mul (local.get $pr) (local.get $xr)) (f64x2.mul (local.get $pi) (local.get $xi))))
              (v128.store (i32.add (local.get $im) (local.get $o))
                (f64x2.add (f64x2.mul (local.get $pr) (local.get $xi)) (f64x2.mul (local.get $pi) (local.get $xr))))
              (local.set $o (i32.add (local.get $o) (i32.const 16)))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br_if $lu (i32.lt_u (local.get $u) (local.get $bytesU))))
            (local.set $v (i32.add (local.get $v) (i32.const 8)))
            (br_if $lv (i32.lt_u (local.get $j) (local.get $bytesL))))))
      (local.set $iH (i32.add (local.get $iH) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $iH) (local.get $sizeH)))))

  ;; applyGather, blocks in a given order: for k < sizeH, with iH = TO[k] and h = THK[k]
  ;; (= TH[iH]), dst[iH·2^L + iL] = src[h ^ TL[iL]] (int32 tables of element indices), two
  ;; amplitudes per store. Callers order the blocks by source address: the reads (which stall)
  ;; then stream forward and the block jumps fall on the writes. L ≥ 1.
  (func (export "gather")
    (param $sr i32) (param $si i32) (param $dr i32) (param $di i32)
    (param $tl i32) (param $th i32) (param $to i32) (param $L i32) (param $sizeH i32)
    (local $k i32) (local $o i32) (local $j i32) (local $bytesL i32) (local $h i32) (local $s0 i32) (local $s1 i32)
    (local.set $bytesL (i32.shl (i32.const 4) (local.get $L)))
    (loop $outer
      (local.set $h (i32.load (i32.add (local.get $th) (i32.shl (local.get $k) (i32.const 2)))))
      (local.set $o (i32.shl (i32.load (i32.add (local.get $to) (i32.shl (local.get $k) (i32.const 2)))) (i32.add (local.get $L) (i32.const 3))))
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $s0 (i32.shl (i32.xor (local.get $h) (i32.load (i32.add (local.get $tl) (local.get $j)))) (i32.const 3)))
        (local.set $s1 (i32.shl (i32.xor (local.get $h) (i32.load offset=4 (i32.add (local.get $tl) (local.get $j)))) (i32.const 3)))
        (f64.store (i32.add (local.get $dr) (local.get $o)) (f64.load (i32.add (local.get $sr) (local.get $s0))))
        (f64.store offset=8 (i32.add (local.get $dr) (local.get $o)) (f64.load (i32.add (local.get $sr) (local.get $s1))))
        (f64.store (i32.add (local.get $di) (local.get $o)) (f64.load (i32.add (local.get $si) (local.get $s0))))
        (f64.store offset=8 (i32.add (local.get $di) (local.get $o)) (f64.load (i32.add (local.get $si) (local.get $s1))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $bytesL))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $k) (local.get $sizeH)))))

  ;; applyDiagonal1q: x[i] ·= d0 where bit `bit` of i is clear, d1 where set. For bit = 1 (qubit 0)
  ;; the lanes are (d0, d1) side by side; else d0 and d1 are splatted over the two halves, and with
  ;; skip0 (d0 = 1 exactly) the clear half is left alone as in the TS twin. n ≥ 2.
  (func (export "diag1")
    (param $re i32) (param $im i32) (param $n i32) (param $bit i32)
    (param $d0r f64) (param $d0i f64) (param $d1r f64) (param $d1i f64) (param $skip0 i32)
    (local $base i32) (local $o i32) (local $end i32)
    (local $ar v128) (local $ai v128) (local $br v128) (local $bi v128) (local $xr v128) (local $xi v128)
    (if (i32.eq (local.get $bit) (i32.const 1))
      (then
        (local.set $ar (f64x2.replace_lane 1 (f64x2.splat (local.get $d0r)) (local.get $d1r)))
        (local.set $ai (f64x2.replace_lane 1 (f64x2.splat (local.get $d0i)) (local.get $d1i)))
        (local.set $end (i32.shl (local.get $n) (i32.const 3)))
        (loop $l1
          (local.set $xr (v128.load (i32.add (local.get $re) (local.get $o))))
          (local.set $xi (v128.load (i32.add (local.get $im) (local.get $o))))
          (v128.store (i32.add (local.get $re) (local.get $o))
            (f64x2.sub (f64x2.mul (local.get $ar) (local.get $xr)) (f64x2.mul (local.get $ai) (local.get $xi))))
          (v128.store (i32.add (local.get $im) (local.get $o))
            (f64x2.add (f64x2.mul (local.get $ar) (local.get $xi)) (f64x2.mul (local.get $ai) (local.get $xr))))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (br_if $l1 (i32.lt_u (local.get $o) (local.get $end))))
        (return)))
    (local.set $ar (f64x2.splat (local.get $d0r)))
    (local.set $ai (f64x2.splat (local.get $d0i)))
    (local.set $br (f64x2.splat (local.get $d1r)))
    (local.set $bi (f64x2.splat (local.get $d1i)))
    (loop $lb
      ;; bytes [base, base + 8·bit) get d0, [base + 8·bit, base + 16·bit) get d1
      (local.set $o (local.get $base))
      (local.set $end (i32.add (local.get $base) (i32.shl (local.get $bit) (i32.const 3))))
      (if (i32.eqz (local.get $skip0))
        (then
          (loop $l0
            (local.set $xr (v128.load (i32.add (local.get $re) (local.get $o))))
            (local.set $xi (v128.load (i32.add (local.get $im) (local.get $o))))
            (v128.store (i32.add (local.get $re) (local.get $o))
              (f64x2.sub (f64x2.mul (local.get $ar) (local.get $xr)) (f64x2.mul (local.get $ai) (local.get $xi))))
            (v128.store (i32.add (local.get $im) (local.get $o))
              (f64x2.add (f64x2.mul (local.get $ar) (local.get $xi)) (f64x2.mul (local.get $ai) (local.get $xr))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br_if $l0 (i32.lt_u (local.get $o) (local.get $end))))))
      (local.set $o (local.get $end))
      (local.set $end (i32.add (local.get $end) (i32.shl (local.get $bit) (i32.const 3))))
      (loop $l1b
        (local.set $xr (v128.load (i32.add (local.get $re) (local.get $o))))
        (local.set $xi (v128.load (i32.add (local.get $im) (local.get $o))))
        (v128.store (i32.add (local.get $re) (local.get $o))
          (f64x2.sub (f64x2.mul (local.get $br) (local.get $xr)) (f64x2.mul (local.get $bi) (local.get $xi))))
        (v128.store (i32.add (local.get $im) (local.get $o))
          (f64x2.add (f64x2.mul (local.get $br) (local.get $xi)) (f64x2.mul (local.get $bi) (local.get $xr))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br_if $l1b (i32.lt_u (local.get $o) (local.get $end))))
      (local.set $base (local.get $end))
      (br_if $lb (i32.lt_u (local.get $base) (i32.shl (local.get $n) (i32.const 3))))))
