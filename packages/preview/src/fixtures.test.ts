import { describe, expect, it } from "vitest";
import { answerInvoke, BUILTIN_FIXTURES, checkFixtureFile } from "./fixtures";

describe("invoke fixtures", () => {
  it("answers by arguments when a token has a list of answers, first match wins", () => {
    const file = checkFixtureFile("f.json", {
      "aws:ec2/getAmi:getAmi": [
        { args: { owners: ["amazon"] }, result: { id: "ami-amazon" } },
        { result: { id: "ami-any" } },
      ],
    });
    expect(answerInvoke("aws:ec2/getAmi:getAmi", { owners: ["amazon"], mostRecent: true }, file)).toEqual({
      id: "ami-amazon",
    });
    expect(answerInvoke("aws:ec2/getAmi:getAmi", { owners: ["self"] }, file)).toEqual({ id: "ami-any" });
  });

  it("names the arguments when no answer matches them", () => {
    const file = checkFixtureFile("f.json", { "t:index/get:get": [{ args: { id: "a" }, result: {} }] });
    expect(() => answerInvoke("t:index/get:get", { id: "b" }, file)).toThrow(
      /no answer for t:index\/get:get with arguments \{"id":"b"\}/,
    );
  });

  it.each([
    [{ "t:index/get:get": "a string" }],
    [{ "t:index/get:get": 42 }],
    [{ "t:index/get:get": [{ args: {} }] }],
    [{ "t:index/get:get": [{ result: {}, extra: 1 }] }],
    [[]],
  ])("refuses a fixture file shaped %j instead of coercing it", (parsed) => {
    expect(() => checkFixtureFile("f.json", parsed)).toThrow(
      /--invoke-fixtures f\.json: each token must map/,
    );
  });

  it("prints a ready-to-fill stub for a lookup it cannot answer", () => {
    expect(() => answerInvoke("aws:rds/getInstance:getInstance", { dbInstanceIdentifier: "db" }, {})).toThrow(
      /\{"aws:rds\/getInstance:getInstance": \[\{"args": \{"dbInstanceIdentifier":"db"\}, "result": \{ \.\.\. \}\}\]\}/,
    );
  });

  it("gives ECS-optimised AMI parameters the JSON document AWS stores, and AMI ids elsewhere", () => {
    const answer = BUILTIN_FIXTURES["aws:ssm/getParameter:getParameter"]!;
    const recommended = answer({ name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" });
    expect(JSON.parse(String(recommended.value))).toMatchObject({ image_id: expect.stringMatching(/^ami-/) });
    expect(
      answer({ name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id" }).value,
    ).toMatch(/^ami-[0-9a-f]+$/);
    expect(answer({ name: "/app/setting" }).value).toBe("preview-parameter-value");
  });

  it("never answers through the prototype chain", () => {
    expect(() => answerInvoke("constructor", {}, {})).toThrow(
      /no answer for the provider lookup constructor/,
    );
  });

  it.each([
    [
      "aws:ec2/getAmi:getAmi",
      { mostRecent: true, owners: ["amazon"] },
      { imageId: "ami-0abcdef1234567890", mostRecent: true },
    ],
    ["aws:ec2/getVpc:getVpc", { default: true }, { default: true, cidrBlock: "172.31.0.0/16" }],
    [
      "aws:ec2/getSubnets:getSubnets",
      {},
      { ids: expect.arrayContaining([expect.stringMatching(/^subnet-/)]) },
    ],
    [
      "gcp:container/getEngineVersions:getEngineVersions",
      { location: "europe-west4" },
      { location: "europe-west4" },
    ],
  ])("answers %s, a lookup common in public programs", (token, inputs, expected) => {
    expect(answerInvoke(token, inputs, {})).toMatchObject(expected);
  });
});
