import { describe, expect, it } from "vitest";
import type { MappedText } from "../source";
import { csvFields } from "./csv";
import type { ExpandResult } from "./mount";
import { parseMountDispatch } from "./mount";
import { mountField } from "./mount-fields";
import type { MountField } from "./types";

const identity = (text: string): MappedText => ({
  text,
  offsets: Array.from({ length: text.length + 1 }, (_, i) => i),
});

const fieldsOf = (value: string): MountField[] => {
  const r = csvFields(identity(value));
  if (!r.ok) throw new Error(r.error);
  return r.fields.map(mountField);
};

const asIs = (value: string): ExpandResult => ({ ok: true, value });

const parse = (value: string, expand: (v: string, f: MountField) => ExpandResult = asIs) =>
  parseMountDispatch(fieldsOf(value), expand);

const errorOf = (value: string): string => {
  const r = parse(value);
  return r.ok ? "ok" : r.error;
};

describe("parseMountDispatch", () => {
  it("resolves a cache mount with defaults", () => {
    const r = parse("type=cache,target=/root/.cache");
    expect(r).toMatchObject({
      ok: true,
      mount: {
        type: "cache",
        from: "",
        source: "",
        target: "/root/.cache",
        readOnly: false,
        cacheId: "",
        sharing: "",
        mode: null,
        uid: null,
        gid: null,
        required: false,
        sizeLimit: 0,
        env: null,
      },
    });
  });

  it("lower-cases type and sharing but keeps the case of id, target, source and from (vector 26)", () => {
    const r = parse("TYPE=CACHE,Target=/c,ID=Foo,sharing=LOCKED,from=Deps,src=/S");
    expect(r).toMatchObject({
      ok: true,
      mount: { type: "cache", target: "/c", cacheId: "Foo", sharing: "locked", from: "Deps", source: "/S" },
    });
  });

  it("lets later keys win (vector 45)", () => {
    expect(parse("type=cache,target=/a,target=/b,id=x,id=y")).toMatchObject({
      ok: true,
      mount: { target: "/b", cacheId: "y" },
    });
  });

  it("records the field behind each option under its canonical name", () => {
    const r = parse("type=cache,dst=/a,ro,id=x,src=/s");
    if (!r.ok) throw new Error(r.error);
    expect(Object.fromEntries(Object.entries(r.fieldOf).map(([k, f]) => [k, f.raw]))).toEqual({
      type: "type=cache",
      target: "dst=/a",
      readonly: "ro",
      id: "id=x",
      source: "src=/s",
    });
  });

  it("suggests a sharing mode or a type (vectors 25, 26)", () => {
    expect(errorOf("type=cache,target=/c,sharing=lock")).toBe(
      'unsupported sharing value "lock" (did you mean locked?)',
    );
    expect(errorOf("type=cahce,target=/c")).toBe('unsupported mount type "cahce" (did you mean cache?)');
    expect(errorOf("type=volume")).toBe('unsupported mount type "volume"');
  });

  it("suggests a key for an unknown one, case-sensitively (vectors 27, 38)", () => {
    expect(errorOf("type=cache,targt=/c")).toBe("unexpected key 'targt' in 'targt=/c' (did you mean target?)");
    expect(errorOf("type=cache, target=/c")).toBe("unexpected key ' target' in ' target=/c' (did you mean target?)");
    expect(errorOf("type=cache,Foo=bar")).toBe("unexpected key 'foo' in 'Foo=bar' (did you mean from?)");
    expect(errorOf("type=cache,Zzz=1")).toBe("unexpected key 'zzz' in 'Zzz=1'");
  });

  it("checks size and required against the type seen so far (vector 28)", () => {
    expect(errorOf("size=1G,type=cache,target=/c")).toBe("unexpected key 'size' for mount type 'bind'");
    expect(errorOf("type=cache,size=1G,target=/c")).toBe("unexpected key 'size' for mount type 'cache'");
    expect(errorOf("type=cache,target=/c,required")).toBe("unexpected key 'required' for mount type 'cache'");
    expect(errorOf("type=cache,target=/c,required=true")).toBe("unexpected key 'required' for mount type 'cache'");
  });

  it("validates values with Go's ParseBool and ParseUint (vector 29)", () => {
    expect(errorOf("type=cache,target=/c,mode=0o755")).toBe("invalid value 0o755 for mode");
    expect(errorOf("type=cache,target=/c,mode=8")).toBe("invalid value 8 for mode");
    expect(errorOf("type=cache,target=/c,uid=abc")).toBe("invalid value abc for uid");
    expect(errorOf("type=cache,target=/c,uid=4294967296")).toBe("invalid value 4294967296 for uid");
    expect(errorOf("type=cache,target=/c,gid=+1")).toBe("invalid value +1 for gid");
    expect(errorOf("type=cache,target=/c,gid=")).toBe("invalid value  for gid");
    expect(errorOf("type=cache,target=/c,ro=yes")).toBe("invalid value for ro: yes");
    expect(errorOf("type=cache,target=/c,rw=on")).toBe("invalid value for rw: on");
    expect(parse("type=cache,target=/c,mode=0755,uid=4294967295,gid=0010")).toMatchObject({
      ok: true,
      mount: { mode: 0o755, uid: 4294967295, gid: 10 },
    });
    expect(parse("type=cache,target=/c,mode=755")).toMatchObject({ ok: true, mount: { mode: 0o755 } });
    for (const t of ["1", "t", "T", "true", "TRUE", "True"]) {
      expect(parse(`type=cache,target=/c,ro=${t}`)).toMatchObject({ ok: true, mount: { readOnly: true } });
    }
    expect(parse("type=cache,target=/c,rw=F")).toMatchObject({ ok: true, mount: { readOnly: true } });
  });

  it("defaults read-only by type, bare words overriding", () => {
    expect(parse("target=/c")).toMatchObject({ ok: true, mount: { type: "bind", readOnly: true } });
    expect(parse("target=/c,rw")).toMatchObject({ ok: true, mount: { readOnly: false } });
    expect(parse("type=tmpfs,target=/c")).toMatchObject({ ok: true, mount: { readOnly: false } });
    expect(parse("type=cache,target=/c,readonly")).toMatchObject({ ok: true, mount: { readOnly: true } });
  });

  it("refuses file info and sharing outside cache/secret/ssh (vector 32)", () => {
    expect(errorOf("target=/c,sharing=locked")).toBe("invalid cache sharing set for bind mount");
    expect(errorOf("type=bind,target=/c,uid=1")).toBe('uid not allowed for "bind" type mounts');
    expect(errorOf("type=tmpfs,target=/c,mode=700")).toBe('mode not allowed for "tmpfs" type mounts');
    expect(errorOf("type=bind,target=/c,gid=1")).toBe('gid not allowed for "bind" type mounts');
    expect(errorOf("type=tmpfs,target=/c,sharing=private")).toBe("invalid cache sharing set for tmpfs mount");
  });

  it("flags bare words other than ro/rw/required", () => {
    expect(errorOf("type=cache,foo")).toBe("invalid field 'foo' must be a key=value pair");
    expect(errorOf("type=cache,")).toBe("invalid field '' must be a key=value pair");
  });

  it("applies the secret rules", () => {
    expect(parse("type=secret,id=tok,required,env=TOKEN")).toMatchObject({
      ok: true,
      mount: { type: "secret", required: true, env: "TOKEN", readOnly: true },
    });
    expect(errorOf("type=secret,id=a,from=b")).toBe("secret mount should not have a from");
    expect(errorOf("type=secret,id=a,sharing=shared")).toBe("secret mount should not define sharing");
    expect(errorOf("type=secret")).toBe("invalid secret mount. one of source, target required");
    expect(errorOf("type=secret,source=a,id=b")).toBe("both source and id can't be set");
    expect(errorOf("type=ssh,required=maybe")).toBe("invalid value for required: maybe");
  });

  it("parses tmpfs sizes like go-units RAMInBytes", () => {
    expect(parse("type=tmpfs,target=/t,size=128m")).toMatchObject({
      ok: true,
      mount: { sizeLimit: 128 * 1024 * 1024 },
    });
    expect(parse("type=tmpfs,target=/t,size=1.5KiB")).toMatchObject({ ok: true, mount: { sizeLimit: 1536 } });
    expect(parse("type=tmpfs,target=/t,size=10")).toMatchObject({ ok: true, mount: { sizeLimit: 10 } });
    expect(errorOf("type=tmpfs,target=/t,size=big")).toBe("invalid value for size: big");
    expect(errorOf("type=tmpfs,target=/t,size=1x")).toBe("invalid value for size: 1x");
  });

  it("expands every key=value field before looking at its key, in field order", () => {
    const seen: string[] = [];
    const r = parse("ro,type=$T,bogus=$B,target=/c", (v, f) => {
      seen.push(`${f.key}:${v}`);
      return v === "$B"
        ? { ok: false, error: 'failed to process "$B": boom' }
        : { ok: true, value: v === "$T" ? "cache" : v };
    });
    expect(seen).toEqual(["type:$T", "bogus:$B"]);
    expect(r).toMatchObject({ ok: false, error: 'failed to process "$B": boom' });
    if (!r.ok) expect(r.field?.raw).toBe("bogus=$B");
  });

  it("validates the expanded value, not the written one", () => {
    const r = parse("type=$T,target=/c,sharing=$S", (v) => ({
      ok: true,
      value: v === "$T" ? "CACHE" : v === "$S" ? "Private" : v,
    }));
    expect(r).toMatchObject({ ok: true, mount: { type: "cache", sharing: "private" } });
  });

  it("names the field of a post-loop error", () => {
    const r = parse("type=bind,uid=1,target=/c");
    expect(r.ok ? null : r.field?.raw).toBe("uid=1");
  });
});
